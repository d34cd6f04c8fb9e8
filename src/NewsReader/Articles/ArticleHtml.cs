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
    /// <summary>The whole body as one string (the page streams <see cref="ArticleBody"/> instead).</summary>
    public static string Body(RevisionContent revision, IReadOnlyDictionary<int, List<MarkSpan>>? marks) =>
        (marks is null ? ArticleBody.Plain(revision) : new ArticleBody(revision, ArticleBody.RenderMarked(revision, marks))).ToString();

    /// <summary>A block's inner HTML with its inline formatting and the given highlight marks.</summary>
    public static string BlockInner(ArticleBlock block, IReadOnlyList<MarkSpan> marks)
    {
        var html = new StringBuilder(block.Text.Length + 16 + marks.Count * 64);
        AppendInner(html, block, marks);
        return html.ToString();
    }

    /// <summary>The opening tag of the list or quote a block sits in, or null.</summary>
    internal static string? ContainerOf(ArticleBlock block) => block.Kind switch
    {
        BlockKind.ListItem => block.Ordered ? "ol" : "ul",
        BlockKind.Quote => "blockquote",
        _ => null,
    };

    /// <summary>A block's whole element (see <see cref="AppendElement"/>) as a string.</summary>
    internal static string Element(ArticleBlock block, int index, IReadOnlyList<MarkSpan> marks)
    {
        var html = new StringBuilder(block.Text.Length + 128 + (marks.Count * 64));
        AppendElement(html, block, index, marks);
        return html.ToString();
    }

    /// <summary>A block's whole element: its tag with id and <c>data-block</c>, the paragraph link, the inner HTML.</summary>
    private static void AppendElement(StringBuilder html, ArticleBlock block, int index, IReadOnlyList<MarkSpan> marks)
    {
        var number = ArticleText.ParagraphNumber(index).ToString(CultureInfo.InvariantCulture);
        switch (block.Kind)
        {
            case BlockKind.Heading:
                var level = Math.Clamp(block.Level, 2, 6).ToString(CultureInfo.InvariantCulture);
                html.Append("<h").Append(level).Append(" id=\"").Append(block.Anchor).Append("\" data-block dir=\"auto\">");
                AppendInner(html, block, marks);
                html.Append("</h").Append(level).Append(">\n");
                return;
            case BlockKind.Code:
                html.Append("<pre id=\"").Append(block.Anchor).Append("\" data-block><code>");
                AppendInner(html, block, marks);
                html.Append("</code></pre>\n");
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
                AppendInner(html, block, marks);
                html.Append("</li>\n");
                return;
            default:
                html.Append("<p id=\"").Append(block.Anchor).Append("\" data-block dir=\"auto\">");
                AppendPermalink(html, block.Anchor, number);
                AppendInner(html, block, marks);
                html.Append("</p>\n");
                return;
        }
    }

    // Empty on purpose: the visible mark comes from CSS, so the block's text content stays its text.
    // Out of the tab order (one stop per paragraph put the notes 40 Tabs away): the keyboard copies
    // a paragraph's link with "l" where the caret is (app.js).
    private static void AppendPermalink(StringBuilder html, string anchor, string number) =>
        html.Append("<a class=\"pl\" href=\"#").Append(anchor).Append("\" tabindex=\"-1\" aria-label=\"Link to paragraph ").Append(number).Append("\"></a>");

    /// <summary>Inline formatting (<see cref="Inline"/>) or a highlight mark; <see cref="Order"/> breaks ties, so output is stable.</summary>
    private readonly record struct Range(int Start, int End, int Order, InlineSpan? Inline, MarkSpan Mark);

    // Outer ranges open first: longer before shorter, formatting before marks of the same extent.
    private static readonly IComparer<Range> Nesting = Comparer<Range>.Create((a, b) =>
        a.Start != b.Start ? a.Start.CompareTo(b.Start)
        : a.End != b.End ? b.End.CompareTo(a.End)
        : (a.Inline is null ? 1 : 0) != (b.Inline is null ? 1 : 0) ? (a.Inline is null ? 1 : 0).CompareTo(b.Inline is null ? 1 : 0)
        : a.Order.CompareTo(b.Order));

    /// <summary>
    /// Walks the segments between range boundaries keeping a stack of open elements; a range that
    /// ends below the top of the stack closes the ones above it, which reopen after it. Arrays of
    /// structs rather than objects and closures: this runs for every marked block of every
    /// signed-in page view.
    /// </summary>
    private static void AppendInner(StringBuilder html, ArticleBlock block, IReadOnlyList<MarkSpan> marks)
    {
        var text = block.Text;
        var inlines = block.Inlines ?? [];
        var ranges = new Range[inlines.Count + marks.Count];
        var count = 0;
        foreach (var span in inlines)
        {
            if (span.End > span.Start && span.Start >= 0 && span.End <= text.Length)
            {
                ranges[count] = new Range(span.Start, span.End, count, span, default);
                count++;
            }
        }

        foreach (var mark in marks)
        {
            var start = Math.Clamp(mark.Start, 0, text.Length);
            var end = Math.Clamp(mark.End, 0, text.Length);
            if (end > start)
            {
                ranges[count] = new Range(start, end, count, null, mark with { Start = start, End = end });
                count++;
            }
        }

        if (count == 0)
        {
            AppendText(html, text, block.Kind);
            return;
        }

        Array.Sort(ranges, 0, count, Nesting);
        var boundaries = new int[(count * 2) + 2];
        boundaries[0] = 0;
        boundaries[1] = text.Length;
        for (var i = 0; i < count; i++)
        {
            boundaries[2 + (i * 2)] = ranges[i].Start;
            boundaries[3 + (i * 2)] = ranges[i].End;
        }

        Array.Sort(boundaries);
        var open = new int[count];
        var reopen = new int[count];
        var openCount = 0;
        List<string>? withId = null;
        var next = 0;
        var previous = -1;
        foreach (var boundary in boundaries)
        {
            if (boundary == previous)
            {
                continue;
            }

            if (previous >= 0)
            {
                AppendText(html, text.AsSpan(previous, boundary - previous), block.Kind);
            }

            var deepest = 0;
            while (deepest < openCount && ranges[open[deepest]].End > boundary)
            {
                deepest++;
            }

            if (deepest < openCount)
            {
                // Close down to the deepest ending range, then reopen the ones that continue.
                var reopenCount = 0;
                for (var i = openCount - 1; i >= deepest; i--)
                {
                    AppendClose(html, ranges[open[i]]);
                    if (ranges[open[i]].End > boundary)
                    {
                        reopen[reopenCount++] = open[i];
                    }
                }

                openCount = deepest;
                for (var i = reopenCount - 1; i >= 0; i--)
                {
                    AppendOpen(html, ranges[reopen[i]], ref withId);
                    open[openCount++] = reopen[i];
                }
            }

            while (next < count && ranges[next].Start == boundary)
            {
                AppendOpen(html, ranges[next], ref withId);
                open[openCount++] = next;
                next++;
            }

            previous = boundary;
        }
    }

    /// <summary>Opens a range's element; a highlight's first part carries its <c>h-{id}</c> once, however often it reopens.</summary>
    private static void AppendOpen(StringBuilder html, Range range, ref List<string>? withId)
    {
        if (range.Inline is not { } inline)
        {
            var mark = range.Mark;
            html.Append("<mark");
            if (mark.First && !(withId ??= []).Contains(mark.HighlightId))
            {
                withId.Add(mark.HighlightId);
                html.Append(" id=\"h-").Append(mark.HighlightId).Append('"');
            }

            html.Append(" data-highlight-id=\"").Append(mark.HighlightId)
                .Append("\" data-color=\"").Append(mark.Color)
                .Append("\" class=\"hl hl-").Append(mark.Color).Append("\">");
            return;
        }

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
        html.Append(range.Inline is null ? "</mark>" : range.Inline.Kind switch
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
