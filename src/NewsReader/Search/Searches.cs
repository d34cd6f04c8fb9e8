using NewsReader.Annotations;

namespace NewsReader.Search;

/// <summary>
/// A search as the page, the API and My notes run it: the text parsed, its <c>color:</c> filters
/// resolved against the colour names and the reader's colour meanings, then the engine asked.
/// </summary>
public sealed class Searches(AppDb db, ISearchEngine engine, SearchResultCache cache)
{
    /// <summary>The parsed query and its resolved colours, or a message naming what is wrong with the text.</summary>
    public async Task<(SearchQuery? Query, IReadOnlyList<string> Colors, string? Problem)> ParseAsync(string? text, string? userId, CancellationToken ct)
    {
        var (query, problem) = SearchQuery.Parse(text);
        if (query is null)
        {
            return (null, [], problem);
        }

        if (query.Colors.Count == 0)
        {
            return (query, [], null);
        }

        var labels = userId is null ? new Dictionary<string, string>() : await ColorLabels.ForUserAsync(db, userId, ct);
        var colors = new List<string>();
        foreach (var name in query.Colors)
        {
            var color = HighlightRules.IsColor(name)
                ? name
                : labels.FirstOrDefault(l => string.Equals(l.Value.Trim(), name, StringComparison.OrdinalIgnoreCase)).Key;
            if (color is null)
            {
                return (null, [], $"color:{name} is not a highlight colour or one of your colour meanings; use {string.Join(", ", HighlightRules.Colors)}"
                    + (labels.Count > 0 ? " or " + string.Join(", ", labels.Values.Select(v => "\"" + v + "\"")) : "") + ".");
            }

            colors.Add(color);
        }

        return (query, colors.Distinct(StringComparer.Ordinal).ToList(), null);
    }

    /// <summary>
    /// A page of results, from <see cref="SearchResultCache"/> while nothing has been committed since
    /// the same reader asked the same (normalised) search: paging back, reloading, going back to
    /// the results cost no query.
    /// </summary>
    public async Task<SearchResults> RunAsync(SearchQuery query, IReadOnlyList<string> colors, string? userId, int limit, int offset, CancellationToken ct) =>
        query.IsEmpty ? SearchResults.None : await cache.Results.GetOrReadAsync(
            (userId, query.ToString(), string.Join(',', colors), limit, offset),
            async () => await engine.SearchAsync(new SearchRequest(query, userId, colors, limit, offset), ct),
            results => 1 + results.Articles.Count + results.Highlights.Count)
        ?? SearchResults.None;

    public IQueryable<Guid> MatchingHighlights(string userId, SearchQuery query, IReadOnlyList<string> colors) =>
        engine.MatchingHighlights(db, userId, query, colors);
}

/// <summary>
/// Pages of results by reader, normalised search, colours and page, each kept until anything is
/// committed (Data/README.md, caches). Bounded by results held.
/// </summary>
public sealed class SearchResultCache(DataVersion versions) : IDisposable
{
    public const long SizeLimit = 5_000;

    public VersionedCache<(string? User, string Query, string Colors, int Limit, int Offset), SearchResults> Results { get; } = new(versions, SizeLimit);

    public void Dispose() => Results.Dispose();
}
