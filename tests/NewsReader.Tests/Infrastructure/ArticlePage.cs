using AngleSharp.Dom;

namespace NewsReader.Tests.Infrastructure;

/// <summary>An article as its page shows it: blocks by anchor, for building highlight requests like reader.js does.</summary>
public sealed class ArticlePage(IDocument document)
{
    public IDocument Document { get; } = document;

    public IReadOnlyList<IElement> Blocks { get; } = document.QuerySelectorAll("article [data-block]").ToList();

    /// <summary>A request body highlighting <paramref name="phrase"/> within one block.</summary>
    public object Phrase(string phrase, string color = "yellow", string? note = null, string[]? tags = null)
    {
        var block = Blocks.First(b => b.TextContent.Contains(phrase, StringComparison.Ordinal));
        var offset = block.TextContent.IndexOf(phrase, StringComparison.Ordinal);
        return new
        {
            start = new { anchor = block.Id, offset },
            end = new { anchor = block.Id, offset = offset + phrase.Length },
            exact = phrase,
            color,
            note,
            tags,
        };
    }

    /// <summary>From <paramref name="from"/> (in one block) to the end of <paramref name="to"/> (in a later block).</summary>
    public object Across(string from, string to, string color = "blue")
    {
        var first = Blocks.First(b => b.TextContent.Contains(from, StringComparison.Ordinal));
        var last = Blocks.First(b => b.TextContent.Contains(to, StringComparison.Ordinal));
        var start = first.TextContent.IndexOf(from, StringComparison.Ordinal);
        var end = last.TextContent.IndexOf(to, StringComparison.Ordinal) + to.Length;
        var firstIndex = Blocks.ToList().IndexOf(first);
        var lastIndex = Blocks.ToList().IndexOf(last);
        var parts = new List<string> { first.TextContent[start..] };
        parts.AddRange(Blocks.Skip(firstIndex + 1).Take(lastIndex - firstIndex - 1).Select(b => b.TextContent));
        parts.Add(last.TextContent[..end]);
        return new
        {
            start = new { anchor = first.Id, offset = start },
            end = new { anchor = last.Id, offset = end },
            exact = string.Join("\n\n", parts),
            color,
        };
    }

    /// <summary>The text each highlight's marks cover, in document order, from the DOM.</summary>
    public Dictionary<string, string> MarkedText()
    {
        var result = new Dictionary<string, string>();
        foreach (var block in Blocks)
        {
            foreach (var text in block.Descendants<IText>())
            {
                foreach (var id in text.GetAncestors().OfType<IElement>().Where(e => e.LocalName == "mark").Select(m => m.GetAttribute("data-highlight-id")!).Distinct())
                {
                    result[id] = result.TryGetValue(id, out var sofar) ? sofar + "\u0001" + text.Data : text.Data;
                }
            }
        }

        return result.ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}
