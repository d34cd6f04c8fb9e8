using NewsReader.Annotations;
using NewsReader.Articles;

namespace NewsReader.Export;

/// <summary>
/// Notes as CommonMark that reads well in Obsidian: per article a heading with its title,
/// byline, date, source, the reader's tags on it and URL, the article note, then each highlight as a block quote with
/// its note under it and a line of colour, tags, date and a link back to the highlight.
/// </summary>
public sealed class MarkdownExport(Stream output) : IExportWriter
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\n" };
    private readonly StringBuilder _block = new();
    private string _heading = "#";
    private bool _articleHasHighlights;

    public async ValueTask BeginAsync(ExportHeader header, CancellationToken ct)
    {
        if (!header.SingleArticle)
        {
            _block.Append("# Notes from NewsReader\n\n")
                .Append("Notes of ").Append(MarkdownText.Escape(header.Creator))
                .Append(", exported ").Append(header.ExportedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(".\n");
            _heading = "##";
            await FlushBlockAsync(ct);
        }
    }

    public async ValueTask ArticleAsync(ExportArticle article, CancellationToken ct)
    {
        _articleHasHighlights = false;
        _block.Append('\n').Append(_heading).Append(' ').Append(MarkdownText.Escape(article.Title)).Append("\n\n");
        if (article.Authors.Count > 0)
        {
            _block.Append("- By: ").Append(MarkdownText.Escape(Bylines.Format(article.Authors))).Append('\n');
        }

        if (article.PublishedOn is { } date)
        {
            _block.Append("- Published: ").Append(Bylines.IsoDate(date)).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(article.Source))
        {
            _block.Append("- Source: ").Append(MarkdownText.Escape(article.Source)).Append('\n');
        }

        if (article.Tags.Count > 0)
        {
            _block.Append("- Tags: ").Append(string.Join(", ", article.Tags.Select(Tag))).Append('\n');
        }

        _block.Append("- URL: <").Append(article.Url).Append(">\n");
        if (article.Deleted)
        {
            _block.Append("- Deleted from NewsReader: the highlights are kept, detached.\n");
        }

        if (article.Note is { } note)
        {
            _block.Append('\n').Append(_heading).Append("# Article note\n\n");
            AppendNote(note.Text);
        }

        await FlushBlockAsync(ct);
    }

    public async ValueTask HighlightAsync(ExportArticle article, ExportHighlight highlight, CancellationToken ct)
    {
        if (!_articleHasHighlights)
        {
            _block.Append('\n').Append(_heading).Append("# Highlights\n");
            _articleHasHighlights = true;
        }

        _block.Append('\n');
        MarkdownText.AppendBlockQuote(_block, highlight.Exact);
        if (highlight.Note.Length > 0)
        {
            _block.Append('\n');
            AppendNote(highlight.Note);
        }

        _block.Append('\n');
        var parts = new List<string>();
        if (highlight.IsOrphan)
        {
            parts.Add("**Orphaned**: no longer found in the article");
        }

        var colour = "Colour: " + HighlightRules.ColorName(highlight.Color);
        parts.Add(highlight.ColorLabel is { Length: > 0 } label ? $"{colour} ({MarkdownText.Escape(label)})" : colour);
        if (highlight.Tags.Count > 0)
        {
            parts.Add("Tags: " + string.Join(", ", highlight.Tags.Select(Tag)));
        }

        if (highlight.Place is { } place)
        {
            parts.Add("Paragraph " + place.Paragraph.ToString(CultureInfo.InvariantCulture));
        }

        parts.Add(highlight.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (!article.Deleted)
        {
            parts.Add($"[Open in NewsReader]({highlight.Link(article)})");
        }

        _block.Append(string.Join(" · ", parts)).Append('\n');
        await FlushBlockAsync(ct);
    }

    public async ValueTask EndAsync(CancellationToken ct) => await _writer.FlushAsync(ct);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>The reader's own Markdown, as written, unless it would swallow what follows: then as a literal block.</summary>
    private void AppendNote(string note)
    {
        var text = note.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        if (MarkdownText.IsSelfContained(text))
        {
            _block.Append(text).Append('\n');
            return;
        }

        var fence = MarkdownText.FenceFor(text);
        _block.Append(fence).Append("markdown\n").Append(text).Append('\n').Append(fence).Append('\n');
    }

    /// <summary>An Obsidian tag (#word) where the tag is one; otherwise the tag as literal text.</summary>
    private static string Tag(string tag) =>
        tag.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '/') && char.IsLetterOrDigit(tag[0])
            && char.IsLetterOrDigit(tag[^1]) && !tag.All(char.IsDigit)
            ? "#" + tag
            : MarkdownText.Escape("#" + tag);

    private async ValueTask FlushBlockAsync(CancellationToken ct)
    {
        await _writer.WriteAsync(_block, ct);
        _block.Clear();
    }
}
