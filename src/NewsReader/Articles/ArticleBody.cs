using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NewsReader.Articles;

/// <summary>
/// An article body as the reading view writes it: each block's element as rendered once per
/// revision (<see cref="RevisionContent.BlockElements"/>), except the blocks that carry the
/// reader's marks (<see cref="RenderMarked"/>, kept with the reader's notes panel). Razor takes
/// the pieces as they are, so no page-sized string is built per request.
/// </summary>
public sealed class ArticleBody(RevisionContent revision, IReadOnlyDictionary<int, string> markedBlocks) : IHtmlContentContainer
{
    /// <summary>The body without marks: what a visitor who is not signed in reads.</summary>
    public static ArticleBody Plain(RevisionContent revision) => new(revision, new Dictionary<int, string>());

    /// <summary>The elements of the blocks that carry marks, each rendered with its marks: what a reader's body adds to the revision's.</summary>
    public static Dictionary<int, string> RenderMarked(RevisionContent revision, IReadOnlyDictionary<int, List<MarkSpan>> marks)
    {
        var rendered = new Dictionary<int, string>(marks.Count);
        foreach (var (index, blockMarks) in marks)
        {
            if (index >= 0 && index < revision.Blocks.Count)
            {
                rendered[index] = ArticleHtml.Element(revision.Blocks[index], index, blockMarks);
            }
        }

        return rendered;
    }

    public void CopyTo(IHtmlContentBuilder destination)
    {
        foreach (var piece in Pieces())
        {
            destination.AppendHtml(piece);
        }
    }

    public void MoveTo(IHtmlContentBuilder destination) => CopyTo(destination);

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        foreach (var piece in Pieces())
        {
            writer.Write(piece);
        }
    }

    public override string ToString() => string.Concat(Pieces());

    private static string Open(string container) => container switch { "ol" => "<ol>", "ul" => "<ul>", _ => "<blockquote>" };

    private static string Close(string container) => container switch { "ol" => "</ol>", "ul" => "</ul>", _ => "</blockquote>" };

    private static string CloseBetween(string container) => container switch { "ol" => "</ol>\n", "ul" => "</ul>\n", _ => "</blockquote>\n" };

    private IEnumerable<string> Pieces()
    {
        string? container = null;
        var blocks = revision.Blocks;
        for (var i = 0; i < blocks.Count; i++)
        {
            var wanted = ArticleHtml.ContainerOf(blocks[i]);
            if (wanted != container)
            {
                if (container is not null)
                {
                    yield return CloseBetween(container);
                }

                if (wanted is not null)
                {
                    yield return Open(wanted);
                }

                container = wanted;
            }

            yield return markedBlocks.TryGetValue(i, out var element) ? element : revision.BlockElements[i];
        }

        if (container is not null)
        {
            yield return Close(container);
        }
    }
}
