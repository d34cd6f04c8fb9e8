using System.Text.Json;
using System.Text.RegularExpressions;

namespace NewsReader.Bench.Web;

/// <summary>A highlight request as the reading view's script sends it: block anchors, offsets and the exact quote.</summary>
public sealed record RangeRequest(string StartAnchor, int StartOffset, string EndAnchor, int EndOffset, string Exact)
{
    public string Json(string color, string? note, IReadOnlyList<string> tags) => JsonSerializer.Serialize(new
    {
        start = new { anchor = StartAnchor, offset = StartOffset },
        end = new { anchor = EndAnchor, offset = EndOffset },
        exact = Exact,
        color,
        note,
        tags,
    });
}

/// <summary>
/// An article's blocks as a client sees them: anchors from the page DOM (each block element has
/// its anchor as id and <c>data-block</c>), texts from <c>/articles/{slug}.txt</c> (blocks joined
/// by a blank line). Picks word-aligned ranges, a few across two paragraphs, that the API accepts.
/// </summary>
public sealed partial class ArticleRanges(IReadOnlyList<(string Anchor, string Text)> blocks)
{
    public static async Task<ArticleRanges> LoadAsync(HttpClient client, string slug)
    {
        var page = await client.GetStringAsync($"/articles/{slug}");
        var text = await client.GetStringAsync($"/articles/{slug}.txt");
        var anchors = BlockAnchor().Matches(page).Select(m => m.Groups[1].Value).ToList();
        var texts = text.Split("\n\n");
        return anchors.Count == texts.Length
            ? new ArticleRanges(anchors.Zip(texts).ToList())
            : throw new InvalidOperationException($"/articles/{slug}: {anchors.Count} block anchors in the page but {texts.Length} blocks in its text");
    }

    public RangeRequest Pick(Random random)
    {
        while (true)
        {
            var b = random.Next(blocks.Count);
            var (anchor, text) = blocks[b];
            var starts = WordStarts(text);
            if (starts.Count == 0)
            {
                continue;
            }

            var first = random.Next(starts.Count);
            var start = starts[first];
            var across = random.Next(10) == 0 && b + 1 < blocks.Count && blocks[b + 1].Text.Length > 0;
            if (across)
            {
                var (nextAnchor, nextText) = blocks[b + 1];
                var nextStarts = WordStarts(nextText);
                var end = WordEnd(nextText, nextStarts[random.Next(Math.Min(nextStarts.Count, 8))]);
                return new RangeRequest(anchor, start, nextAnchor, end, text[start..] + "\n\n" + nextText[..end]);
            }

            var words = random.Next(5) == 0 ? random.Next(10, 40) : random.Next(1, 10);
            var last = Math.Min(starts.Count - 1, first + words - 1);
            var stop = WordEnd(text, starts[last]);
            return new RangeRequest(anchor, start, anchor, stop, text[start..stop]);
        }
    }

    private static List<int> WordStarts(string text)
    {
        var starts = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                starts.Add(i);
            }
        }

        return starts;
    }

    private static int WordEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return end;
    }

    [GeneratedRegex("id=\"([^\"]+)\" data-block")]
    private static partial Regex BlockAnchor();
}
