namespace NewsReader.Search;

/// <summary>
/// The one seam between search and a database's full-text engine (SQLite's FTS5, PostgreSQL's tsvector). An
/// engine takes a parsed <see cref="SearchQuery"/>, never the reader's text, and must keep every
/// reader's highlights, notes and tags to that reader.
/// </summary>
public interface ISearchEngine
{
    /// <summary>A page of articles and (for a reader) their highlights, each in rank order, with the counts (never asked with an empty query).</summary>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct);

    /// <summary>The ids of a reader's highlights the query finds, unranked and unpaged, to combine with other filters (My notes).</summary>
    IQueryable<Guid> MatchingHighlights(AppDb db, string userId, SearchQuery query, IReadOnlyList<string> colors);
}

/// <summary>What every engine shares.</summary>
public static class SearchEngine
{
    /// <summary>
    /// How many of the newest matches are ranked (and so can be paged to). BM25 costs about a
    /// microsecond a match: a word in a third of 100,000 articles would cost every search tens of
    /// milliseconds. Rare words, what searches mostly are, have fewer matches than this anyway.
    /// </summary>
    public const int RankWindow = 200;

    /// <summary>How far matches are counted (search, My notes); beyond, the page says "more than".</summary>
    public const int CountCap = 1_000;

    /// <summary>
    /// The halves a request asks for, on an engine's connection: articles unless the query is
    /// about highlights only; highlights only for a signed-in reader and not with <c>in:articles</c>.
    /// </summary>
    public static async Task<SearchResults> BothHalvesAsync(SearchRequest request,
        Func<Task<(IReadOnlyList<ArticleHit> Hits, int Total)>> articles,
        Func<Task<(IReadOnlyList<HighlightHit> Hits, int Total)>> highlights)
    {
        var (articleHits, articleTotal) = request.Query.OnlyHighlights ? ([], 0) : await articles();
        var (highlightHits, highlightTotal) = request.UserId is null || request.Query.Scope == SearchScope.Articles
            ? ([], 0)
            : await highlights();
        return new SearchResults(articleHits, articleTotal, highlightHits, highlightTotal);
    }

    /// <summary>A count as pages show it: "12", "1,000", or "More than 1,000".</summary>
    public static string CountText(int total) => total > CountCap
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"More than {CountCap:N0}")
        : total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The marks an engine puts around matched words in the text it returns: two private-use
    /// characters, turned into <c>&lt;mark&gt;</c> elements by <see cref="Marked"/>.
    /// </summary>
    public const string MarkOpen = "\uE000";

    public const string MarkClose = "\uE001";

    /// <summary>An engine's marked text (FTS5's snippet, PostgreSQL's headline), HTML-encoded, with its marks as balanced <c>&lt;mark&gt;</c> elements.</summary>
    public static string Marked(string text)
    {
        var html = new StringBuilder(text.Length + 32);
        var open = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var mark = i < text.Length ? text[i] : '\0';
            if (i < text.Length && mark != MarkOpen[0] && mark != MarkClose[0])
            {
                continue;
            }

            html.Append(System.Net.WebUtility.HtmlEncode(text[start..i]));
            start = i + 1;
            if (i == text.Length)
            {
                break;
            }

            if (mark == MarkOpen[0] && !open)
            {
                html.Append("<mark>");
                open = true;
            }
            else if (mark == MarkClose[0] && open)
            {
                html.Append("</mark>");
                open = false;
            }
        }

        if (open)
        {
            html.Append("</mark>");
        }

        return html.ToString();
    }
}
