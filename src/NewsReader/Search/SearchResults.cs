namespace NewsReader.Search;

/// <summary>
/// What to search: the parsed query, who asks (null: a visitor, who gets articles only), the
/// colours its <c>color:</c> filters name (resolved against the reader's colour meanings), and
/// which page of results.
/// </summary>
public sealed record SearchRequest(SearchQuery Query, string? UserId, IReadOnlyList<string> Colors, int Limit, int Offset)
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;

    /// <summary>The deepest result a search pages to (offset + limit).</summary>
    public const int MaxDepth = SearchEngine.RankWindow;
}

/// <summary>An article found: <see cref="SnippetHtml"/> is encoded text with the matched words in <c>&lt;mark&gt;</c>.</summary>
public sealed record ArticleHit(string Slug, string Title, IReadOnlyList<string> Authors, DateOnly? PublishedOn, string? Source,
    string SnippetHtml, double Score);

/// <summary>
/// One of the reader's highlights found, with its quote and note as stored and as marked-up
/// snippets. A highlight on a deleted article (<see cref="ArticleDeleted"/>) is kept, detached:
/// it links to the reader's notes on that article.
/// </summary>
public sealed record HighlightHit(Guid Id, string Slug, string Title, string Quote, string Note, string Color, IReadOnlyList<string> Tags,
    string QuoteHtml, string SnippetHtml, double Score, bool ArticleDeleted = false)
{
    public string Link => ArticleDeleted ? $"/notes?article={Uri.EscapeDataString(Slug)}" : $"/articles/{Slug}#h-{Id}";
}

/// <summary>
/// A page of results in rank order, and how many there are in all, counted up to
/// <see cref="SearchEngine.CountCap"/> (one past it: more than that).
/// </summary>
public sealed record SearchResults(IReadOnlyList<ArticleHit> Articles, int ArticleTotal, IReadOnlyList<HighlightHit> Highlights, int HighlightTotal)
{
    public static readonly SearchResults None = new([], 0, [], 0);
}
