using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NewsReader.Articles;

/// <summary>
/// An article body as the reading view writes it: each block's element as rendered once per
/// revision (<see cref="RevisionContent.BlockElements"/>), except the blocks that carry the
/// reader's marks, rendered for this request. Razor takes the pieces as they are, so no
/// page-sized string is built per request and the cached pieces are shared by every reader.
/// </summary>
public sealed class ArticleBody(RevisionContent revision, IReadOnlyDictionary<int, List<MarkSpan>>? marks) : IHtmlContentContainer
{
    private readonly IReadOnlyDictionary<int, string>? _rendered;

    /// <summary>A body whose marked blocks were rendered already (see <see cref="RenderMarked"/>).</summary>
    public ArticleBody(RevisionContent revision, IReadOnlyDictionary<int, string> renderedMarkedBlocks)
        : this(revision, (IReadOnlyDictionary<int, List<MarkSpan>>?)null) => _rendered = renderedMarkedBlocks;

    /// <summary>The elements of the blocks that carry marks, each rendered with its marks: what a reader's body adds to the revision's.</summary>
    public static Dictionary<int, string> RenderMarked(RevisionContent revision, IReadOnlyDictionary<int, List<MarkSpan>> marks)
    {
        var rendered = new Dictionary<int, string>(marks.Count);
        var html = new StringBuilder();
        foreach (var (index, blockMarks) in marks)
        {
            if (index >= 0 && index < revision.Blocks.Count)
            {
                html.Clear();
                ArticleHtml.AppendElement(html, revision.Blocks[index], index, blockMarks);
                rendered[index] = html.ToString();
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
        StringBuilder? marked = null;
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

            if (_rendered is not null && _rendered.TryGetValue(i, out var element))
            {
                yield return element;
            }
            else if (marks is not null && marks.TryGetValue(i, out var blockMarks))
            {
                marked ??= new StringBuilder(blocks[i].Text.Length * 2);
                marked.Clear();
                ArticleHtml.AppendElement(marked, blocks[i], i, blockMarks);
                yield return marked.ToString();
            }
            else
            {
                yield return revision.BlockElements[i];
            }
        }

        if (container is not null)
        {
            yield return Close(container);
        }
    }
}
