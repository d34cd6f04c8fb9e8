using NewsReader.Articles;

namespace NewsReader.Export;

/// <summary>
/// One row per highlight, RFC 4180 (CRLF rows, fields quoted when they hold a quote, comma or
/// line break), UTF-8 without a byte order mark so the header is read as written. The first
/// seven columns are the ones Readwise's CSV import reads, in its order; the last, the reader's
/// tags on the article, is Readwise's "Document tags". A cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading <c>'</c>
/// (OWASP's advice against CSV injection): a spreadsheet shows it as text, never runs it as a
/// formula. The quote is part of the exported text.
/// </summary>
public sealed class CsvExport(Stream output) : IExportWriter
{
    public const string Header = "Highlight,Title,Author,URL,Note,Location,Date,Color,Tags,Document tags";

    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
    private readonly StringBuilder _row = new();

    public async ValueTask BeginAsync(ExportHeader header, CancellationToken ct) => await _writer.WriteAsync(Header + "\r\n");

    public ValueTask ArticleAsync(ExportArticle article, CancellationToken ct) => ValueTask.CompletedTask;

    public async ValueTask HighlightAsync(ExportArticle article, ExportHighlight highlight, CancellationToken ct)
    {
        _row.Clear();
        Field(highlight.Exact).Append(',');
        Field(article.Title).Append(',');
        Field(Bylines.Format(article.Authors)).Append(',');
        Field(article.Url).Append(',');
        Field(highlight.Note).Append(',');
        Field(highlight.Place is { } place ? place.Paragraph.ToString(CultureInfo.InvariantCulture) : "orphaned").Append(',');
        Field(highlight.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',');
        Field(highlight.ColorLabel is { Length: > 0 } label ? $"{highlight.Color} ({label})" : highlight.Color).Append(',');
        Field(string.Join(", ", highlight.Tags)).Append(',');
        Field(string.Join(", ", article.Tags)).Append("\r\n");
        await _writer.WriteAsync(_row, ct);
    }

    public async ValueTask EndAsync(CancellationToken ct) => await _writer.FlushAsync(ct);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>True for what a spreadsheet would read as the start of a formula.</summary>
    public static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private StringBuilder Field(string value)
    {
        if (LooksLikeFormula(value))
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny("\",\r\n") < 0)
        {
            return _row.Append(value);
        }

        return _row.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
