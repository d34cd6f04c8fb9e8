using System.Globalization;
using System.Text;
using NewsReader.Articles.Parsing;
using NewsReader.Web;

namespace NewsReader.Articles;

/// <summary>
/// The part of one highlight inside one block: <c>[Start, End)</c> of the block's text.
/// <see cref="First"/> marks the highlight's first part, which carries the <c>h-{id}</c> deep-link id.
/// </summary>
public readonly record struct MarkSpan(int Start, int End, string HighlightId, string Color, bool First);

/// <summary>
/// Renders article blocks to HTML. Each block is one element whose id is its anchor and whose
/// text content is exactly the block's text. Inline formatting and highlight marks may overlap
/// arbitrarily: where they cross, elements are split so the output nests properly, and each
/// highlight's marks together cover exactly its text. See README.md in this folder.
/// </summary>
public static class ArticleHtml
{
    public static string Body(RevisionContent revision, IReadOnlyDictionary<int, List<MarkSpan>>? marks)
    {
        var html = new StringBuilder(revision.Text.Text.Length * 5 / 4 + revision.Blocks.Count * 96);
        string? container = null;
        for (var i = 0; i < revision.Blocks.Count; i++)
        {
            var block = revision.Blocks[i];
            var wanted = block.Kind switch
            {
                BlockKind.ListItem => block.Ordered ? "ol" : "ul",
                BlockKind.Quote => "blockquote",
                _ => null,
            };
            if (wanted != container)
            {
                if (container is not null)
                {
                    html.Append("</").Append(container).Append(">\n");
                }

                if (wanted is not null)
                {
                    html.Append('<').Append(wanted).Append('>');
                }

                container = wanted;
            }

            var inner = marks is not null && marks.TryGetValue(i, out var blockMarks)
                ? BlockInner(block, blockMarks)
                : revision.BlockHtml[i];
            AppendBlock(html, block, i, inner);
        }

        if (container is not null)
        {
            html.Append("</").Append(container).Append('>');
        }

        return html.ToString();
    }

    private static void AppendBlock(StringBuilder html, StoredBlock block, int index, string inner)
    {
        var number = ArticleText.ParagraphNumber(index).ToString(CultureInfo.InvariantCulture);
        switch (block.Kind)
        {
            case BlockKind.Heading:
                var level = Math.Clamp(block.Level, 2, 6).ToString(CultureInfo.InvariantCulture);
                html.Append("<h").Append(level).Append(" id=\"").Append(block.Anchor).Append("\" data-block dir=\"auto\">")
                    .Append(inner).Append("</h").Append(level).Append(">\n");
                return;
            case BlockKind.Code:
                html.Append("<pre id=\"").Append(block.Anchor).Append("\" data-block><code>").Append(inner).Append("</code></pre>\n");
                return;
            case BlockKind.ListItem:
                html.Append("<li id=\"").Append(block.Anchor).Append("\" data-block dir=\"auto\"");
                if (block.Level > 0)
                {
                    html.Append(" class=\"depth-").Append(Math.Min(block.Level, 5).ToString(CultureInfo.InvariantCulture)).Append('"');
                }

                if (block.Number is { } n)
                {
                    html.Append(" value=\"").Append(n.ToString(CultureInfo.InvariantCulture)).Append('"');
                }

                html.Append('>');
                AppendPermalink(html, block.Anchor, number);
                html.Append(inner).Append("</li>\n");
                return;
            default:
                html.Append("<p id=\"").Append(block.Anchor).Append("\" data-block dir=\"auto\">");
                AppendPermalink(html, block.Anchor, number);
                html.Append(inner).Append("</p>\n");
                return;
        }
    }

    // Empty on purpose: the visible mark comes from CSS, so the block's text content stays its text.
    private static void AppendPermalink(StringBuilder html, string anchor, string number) =>
        html.Append("<a class=\"pl\" href=\"#").Append(anchor).Append("\" aria-label=\"Link to paragraph ").Append(number).Append("\"></a>");

    private sealed record Range(int Start, int End, InlineSpan? Inline, MarkSpan? Mark);

    /// <summary>A block's inner HTML with its inline formatting and the given highlight marks.</summary>
    public static string BlockInner(StoredBlock block, IReadOnlyList<MarkSpan> marks)
    {
        var text = block.Text;
        var ranges = new List<Range>();
        foreach (var span in block.Inlines ?? [])
        {
            if (span.End > span.Start && span.Start >= 0 && span.End <= text.Length)
            {
                ranges.Add(new Range(span.Start, span.End, span, null));
            }
        }

        foreach (var mark in marks)
        {
            var start = Math.Clamp(mark.Start, 0, text.Length);
            var end = Math.Clamp(mark.End, 0, text.Length);
            if (end > start)
            {
                ranges.Add(new Range(start, end, null, mark with { Start = start, End = end }));
            }
        }

        var html = new StringBuilder(text.Length + 16 + ranges.Count * 64);
        if (ranges.Count == 0)
        {
            AppendText(html, text, block.Kind);
            return html.ToString();
        }

        // Outer ranges open first: longer before shorter, formatting before marks of the same extent.
        ranges.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.End != b.End ? b.End.CompareTo(a.End)
            : (a.Mark is null ? 0 : 1).CompareTo(b.Mark is null ? 0 : 1));
        var boundaries = new SortedSet<int> { 0, text.Length };
        foreach (var range in ranges)
        {
            boundaries.Add(range.Start);
            boundaries.Add(range.End);
        }

        var open = new List<Range>();
        var opened = new HashSet<string>(StringComparer.Ordinal);
        var next = 0;
        int? previous = null;
        foreach (var boundary in boundaries)
        {
            if (previous is { } from)
            {
                AppendText(html, text.AsSpan(from, boundary - from), block.Kind);
            }

            if (open.Exists(r => r.End <= boundary))
            {
                // Close down to the deepest ending range, then reopen the ones that continue.
                var deepest = open.FindIndex(r => r.End <= boundary);
                var reopen = new List<Range>();
                for (var i = open.Count - 1; i >= deepest; i--)
                {
                    AppendClose(html, open[i]);
                    if (open[i].End > boundary)
                    {
                        reopen.Add(open[i]);
                    }
                }

                open.RemoveRange(deepest, open.Count - deepest);
                for (var i = reopen.Count - 1; i >= 0; i--)
                {
                    AppendOpen(html, reopen[i], opened);
                    open.Add(reopen[i]);
                }
            }

            while (next < ranges.Count && ranges[next].Start == boundary)
            {
                AppendOpen(html, ranges[next], opened);
                open.Add(ranges[next]);
                next++;
            }

            previous = boundary;
        }

        return html.ToString();
    }

    private static void AppendOpen(StringBuilder html, Range range, HashSet<string> opened)
    {
        if (range.Mark is { } mark)
        {
            html.Append("<mark");
            if (mark.First && opened.Add(mark.HighlightId))
            {
                html.Append(" id=\"h-").Append(mark.HighlightId).Append('"');
            }

            html.Append(" data-highlight-id=\"").Append(mark.HighlightId)
                .Append("\" data-color=\"").Append(mark.Color)
                .Append("\" class=\"hl hl-").Append(mark.Color).Append("\">");
            return;
        }

        var inline = range.Inline!;
        switch (inline.Kind)
        {
            case InlineKind.Emphasis: html.Append("<em>"); break;
            case InlineKind.Strong: html.Append("<strong>"); break;
            case InlineKind.Code: html.Append("<code>"); break;
            default:
                html.Append("<a href=\"");
                Html.Encode(html, inline.Href ?? "");
                html.Append("\" rel=\"nofollow noopener noreferrer\">");
                break;
        }
    }

    private static void AppendClose(StringBuilder html, Range range) =>
        html.Append(range.Mark is not null ? "</mark>" : range.Inline!.Kind switch
        {
            InlineKind.Emphasis => "</em>",
            InlineKind.Strong => "</strong>",
            InlineKind.Code => "</code>",
            _ => "</a>",
        });

    private static void AppendText(StringBuilder html, ReadOnlySpan<char> text, BlockKind kind)
    {
        if (kind == BlockKind.Code)
        {
            Html.Encode(html, text);
            return;
        }

        // A hard line break stays "\n" in the text content; <br> shows it.
        int lineBreak;
        while ((lineBreak = text.IndexOf('\n')) >= 0)
        {
            Html.Encode(html, text[..lineBreak]);
            html.Append("<br>\n");
            text = text[(lineBreak + 1)..];
        }

        Html.Encode(html, text);
    }

    /// <summary>Splits highlights into per-block mark spans.</summary>
    public static Dictionary<int, List<MarkSpan>> MarksByBlock(ArticleText text, IEnumerable<PlacedHighlight> highlights)
    {
        var byBlock = new Dictionary<int, List<MarkSpan>>();
        foreach (var h in highlights)
        {
            if (text.BlockIndex(h.StartAnchor) is not { } first || text.BlockIndex(h.EndAnchor) is not { } last || last < first)
            {
                continue;
            }

            var id = h.Id.ToString("D");
            var isFirst = true;
            for (var b = first; b <= last; b++)
            {
                var start = b == first ? h.StartOffset : 0;
                var end = b == last ? h.EndOffset : text.Blocks[b].Text.Length;
                if (end <= start)
                {
                    continue;
                }

                if (!byBlock.TryGetValue(b, out var list))
                {
                    byBlock[b] = list = [];
                }

                list.Add(new MarkSpan(start, end, id, h.Color, isFirst));
                isFirst = false;
            }
        }

        return byBlock;
    }
}

/// <summary>Where a highlight sits, as the renderer needs it.</summary>
public readonly record struct PlacedHighlight(Guid Id, string Color, string StartAnchor, int StartOffset, string EndAnchor, int EndOffset);
