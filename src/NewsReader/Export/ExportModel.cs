namespace NewsReader.Export;

/// <summary>
/// What an export is of, written once at its start: its own absolute URL (the JSON-LD
/// collection's id), whose notes (the reader's email address), when, and whether it holds one
/// article's notes rather than all of them.
/// </summary>
public sealed record ExportHeader(string Id, string Creator, DateTime ExportedAt, bool SingleArticle);

/// <summary>
/// An article with notes, in the order of the export: the reader's note on it and their tags on
/// it (<see cref="TagsId"/> names the annotation that carries the tags when there is no note).
/// <see cref="Deleted"/>: an administrator deleted it; its highlights are all detached.
/// </summary>
public sealed record ExportArticle(
    string Slug,
    string Title,
    IReadOnlyList<string> Authors,
    DateOnly? PublishedOn,
    string? Source,
    string Url,
    ExportArticleNote? Note,
    IReadOnlyList<string> Tags,
    bool Deleted = false)
{
    /// <summary>The id of the article's annotation when it carries only tags: stable per article.</summary>
    public Guid TagsId => StableIds.From("article-tags", Slug);
}

/// <summary>The reader's note on the whole article; <paramref name="Id"/> is stable per reader and article.</summary>
public sealed record ExportArticleNote(Guid Id, string Text, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One highlight. <see cref="Place"/> is null for an orphan: its quote is no longer found in the article.</summary>
public sealed record ExportHighlight(
    Guid Id,
    string Exact,
    string Prefix,
    string Suffix,
    string Color,
    string? ColorLabel,
    string Note,
    IReadOnlyList<string> Tags,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    ExportPlace? Place)
{
    public bool IsOrphan => Place is null;

    /// <summary>The highlight's deep link: the reading view scrolls to it.</summary>
    public string Link(ExportArticle article) => $"{article.Url}#h-{Id}";
}

/// <summary>
/// Where a highlight is in the article's plain text (as served at <c>/articles/{slug}.txt</c>):
/// its paragraph number and its start and end (exclusive) counted in Unicode code points.
/// </summary>
public sealed record ExportPlace(int Paragraph, int Start, int End);

/// <summary>
/// An export format's writer. Calls come in order: <see cref="BeginAsync"/>, then for each
/// article <see cref="ArticleAsync"/> followed by its highlights in reading order, then
/// <see cref="EndAsync"/>. Writers write as they go, so an export of any size streams.
/// </summary>
public interface IExportWriter : IAsyncDisposable
{
    ValueTask BeginAsync(ExportHeader header, CancellationToken ct);

    ValueTask ArticleAsync(ExportArticle article, CancellationToken ct);

    ValueTask HighlightAsync(ExportArticle article, ExportHighlight highlight, CancellationToken ct);

    ValueTask EndAsync(CancellationToken ct);
}
