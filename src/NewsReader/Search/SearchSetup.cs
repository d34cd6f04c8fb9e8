using NewsReader.Articles;

namespace NewsReader.Search;

/// <summary>An article in the API's results; <see cref="Snippet"/> is HTML: encoded text, the matched words in <c>&lt;mark&gt;</c>.</summary>
public sealed record ArticleResult(string Slug, string Title, string Byline, string? Date, string Snippet, double Score);

/// <summary>One of the reader's highlights in the API's results; <see cref="Snippet"/> is HTML like an article's.</summary>
public sealed record HighlightResult(Guid Id, string Slug, string Title, string Quote, string Note, string Color, IReadOnlyList<string> Tags, string Snippet);

/// <summary>How many match, counted up to 1,000 (1,001: more than that); the best 200 can be paged through.</summary>
public sealed record SearchTotals(int Articles, int Highlights);

public sealed record SearchResponse(IReadOnlyList<ArticleResult> Articles, IReadOnlyList<HighlightResult> Highlights, SearchTotals Total);

public static class SearchSetup
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchConnections>();
        // One engine per database, behind the same seam and the same tests: FTS5, or tsvector.
        services.AddSingleton<ISearchEngine>(provider => Data.Database.IsPostgres(provider)
            ? ActivatorUtilities.CreateInstance<PostgresSearchEngine>(provider)
            : ActivatorUtilities.CreateInstance<SqliteSearchEngine>(provider));
        services.AddSingleton<SearchResultCache>();
        services.AddScoped<Searches>();
        return services;
    }

    /// <summary><c>GET /api/search</c>; the results page is a Razor page (<c>/search</c>).</summary>
    public static WebApplication MapSearch(this WebApplication app)
    {
        app.MapGet("/api/search", SearchAsync)
            .WithTags("Search")
            .WithSummary("Articles, and the signed-in reader's own highlights and notes, that match q (the query language is in the README), each in rank order. Visitors get articles only.")
            .Produces<SearchResponse>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> SearchAsync(string? q, string? limit, string? offset, ClaimsPrincipal user, Searches searches, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = Whole(limit, SearchRequest.DefaultLimit, 1, SearchRequest.MaxLimit, "limit", errors);
        var skip = Whole(offset, 0, 0, SearchRequest.MaxDepth - 1, "offset", errors);
        var userId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var (query, colors, problem) = await searches.ParseAsync(q, userId, ct);
        if (problem is not null)
        {
            errors["q"] = [problem];
        }

        if (errors.Count > 0 || query is null)
        {
            return Results.ValidationProblem(errors);
        }

        var found = query.IsEmpty
            ? SearchResults.None
            : await searches.RunAsync(query, colors, userId, Math.Min(take, SearchRequest.MaxDepth - skip), skip, ct);
        return Results.Ok(new SearchResponse(
            found.Articles.Select(a => new ArticleResult(a.Slug, a.Title, Bylines.Format(a.Authors),
                a.PublishedOn is { } date ? Bylines.IsoDate(date) : null, a.SnippetHtml, a.Score)).ToList(),
            found.Highlights.Select(h => new HighlightResult(h.Id, h.Slug, h.Title, h.Quote, h.Note, h.Color, h.Tags,
                h.SnippetHtml.Contains("<mark>", StringComparison.Ordinal) ? h.SnippetHtml : h.QuoteHtml)).ToList(),
            new SearchTotals(found.ArticleTotal, found.HighlightTotal)));
    }

    private static int Whole(string? text, int fallback, int min, int max, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max:N0}.")];
        return fallback;
    }
}
