using NewsReader.Annotations;

namespace NewsReader.Search;

/// <summary>
/// <c>/search?q=…</c>: articles first, then the signed-in reader's own highlights and notes,
/// each in rank order, <see cref="PerPage"/> of each a page. An empty search is a page with
/// the language's help; a search that cannot be read is the same page with the problem, as 400.
/// </summary>
public sealed class SearchPageModel(Searches searches, Data.AppDb db) : PageModel
{
    public const int PerPage = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>"p", as on My notes (Razor Pages keeps "page" for its own routing).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public string? Problem { get; private set; }

    public bool IsEmpty { get; private set; } = true;

    public SearchResults Results { get; private set; } = SearchResults.None;

    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public bool HasNextPage => PageNumber * PerPage < Math.Min(SearchRequest.MaxDepth, Math.Max(Results.ArticleTotal, Results.HighlightTotal));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var userId = SignedIn ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var (query, colors, problem) = await searches.ParseAsync(Q, userId, ct);
        if (query is null)
        {
            Problem = problem;
            IsEmpty = false;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        IsEmpty = query.IsEmpty;
        PageNumber = Math.Clamp(PageNumber, 1, SearchRequest.MaxDepth / PerPage);
        if (userId is not null)
        {
            Labels = await ColorLabels.ForUserAsync(db, userId, ct);
        }

        if (!IsEmpty)
        {
            Results = await searches.RunAsync(query, colors, userId, PerPage, (PageNumber - 1) * PerPage, ct);
        }

        return Page();
    }

    /// <summary>"3 articles and 1 of your highlights match “ferry”".</summary>
    public string Heading
    {
        get
        {
            var articles = $"{SearchEngine.CountText(Results.ArticleTotal)} article{(Results.ArticleTotal == 1 ? "" : "s")}";
            var highlights = SignedIn
                ? $" and {SearchEngine.CountText(Results.HighlightTotal)} of your highlights"
                : "";
            var verb = !SignedIn && Results.ArticleTotal == 1 ? "matches" : "match";
            return $"{articles}{highlights} {verb} “{Q?.Trim()}”";
        }
    }

    public string PageLink(int page) =>
        "/search?q=" + Uri.EscapeDataString(Q ?? "") + (page > 1 ? "&p=" + page.ToString(CultureInfo.InvariantCulture) : "");

    public string ColorText(string color) =>
        Labels.TryGetValue(color, out var label) ? $"{HighlightRules.ColorName(color)}: {label}" : HighlightRules.ColorName(color);
}
