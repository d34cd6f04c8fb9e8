using Microsoft.AspNetCore.OutputCaching;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Search;
using NewsReader.Web;

namespace NewsReader.Notes;

/// <summary>
/// All of a reader's highlights and notes: newest first (<see cref="NotesList"/>), or by
/// article with the article notes (<see cref="NotesByArticle"/>), filtered by colour, tag and
/// article (<see cref="NotesFilter"/>). Also where colours get their meanings
/// (<see cref="ColorMeanings"/>), for readers without JavaScript too. Pages are numbered: a reader jumps around their notes.
/// What the page costs must not grow with the number of notes: matches are counted only up to
/// <see cref="SearchEngine.CountCap"/>, and the article filter offers the articles of the reader's latest
/// highlights (and the one chosen), not every article they ever highlighted.
/// </summary>
[Authorize]
[OutputCache(PolicyName = PublicPages.Policy)]                  // kept for this reader until anything is committed (ReaderPages)
public sealed class MyNotesModel(AppDb db, Searches searches) : PageModel
{
    public const int HighlightsPerPage = NotesList.PerPage;
    public const int ArticlesPerPage = NotesByArticle.PerPage;
    public const string ByArticle = NotesFilter.ByArticle;

    /// <summary>The article filter lists the articles of this many of the reader's latest highlights.</summary>
    public const int RecentHighlightsForArticles = 200;

    public sealed record TagCount(string Name, int Count);

    public sealed record ArticleChoice(string Slug, string Title);

    [BindProperty(SupportsGet = true, Name = "view")]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true, Name = "color")]
    public string? Color { get; set; }

    [BindProperty(SupportsGet = true, Name = "tag")]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true, Name = "article")]
    public string? ArticleSlug { get; set; }

    /// <summary>Search words, in search's query language, combined with the other filters.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>"p", because Razor Pages keeps "page" for its own routing.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>What the page shows, from the bound query (normalised when the page loads).</summary>
    public NotesFilter Filter { get; private set; } = new(null, null, null, null, 1);

    public bool IsByArticle => Filter.IsByArticle;

    public bool IsFiltered => Filter.IsFiltered;

    public IReadOnlyList<NoteListItem> Highlights { get; private set; } = [];

    public IReadOnlyList<ArticleGroup> Groups { get; private set; } = [];

    /// <summary>Matches, counted up to one past <see cref="SearchEngine.CountCap"/> (<see cref="TotalText"/> says "more than").</summary>
    public int Total { get; private set; }

    /// <summary>The count the heading starts with: "11", or "More than 1,000".</summary>
    public string TotalText => SearchEngine.CountText(Total);

    public bool HasNextPage { get; private set; }

    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<TagCount> Tags { get; private set; } = [];

    public IReadOnlyList<ArticleChoice> ArticleChoices { get; private set; } = [];

    /// <summary>
    /// The one-time message after a change ("Colour meanings saved."). Read from TempData only when
    /// its cookie came with the request, as the layout does: loading TempData makes the response
    /// delete that cookie, and a response that sets a cookie is never kept for the reader.
    /// </summary>
    public string? Status { get; private set; }

    public string? LabelFor(string color) => Labels.TryGetValue(color, out var label) ? label : null;

    public string ColorText(string color) => LabelFor(color) is { } label ? $"{HighlightRules.ColorName(color)}: {label}" : HighlightRules.ColorName(color);

    /// <summary>This page's address with some filters changed (<see cref="NotesFilter.Link"/>).</summary>
    public string Link(string? view = null, string? color = null, string? tag = null, string? article = null, int page = 1, string? q = null) =>
        NotesFilter.Link(view, color, tag, article, page, q);

    public string PageLink(int page) => Filter.PageLink(page);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Request.Cookies.ContainsKey(WebSetup.NoticeCookie))
        {
            Status = TempData[nameof(Status)] as string;
        }

        await LoadAsync(ct);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostColorsAsync(Dictionary<string, string?> labels, CancellationToken ct)
    {
        foreach (var (field, problem) in await ColorMeanings.SaveAsync(db, UserId, labels, ct))
        {
            ModelState.AddModelError(field, problem);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        TempData[nameof(Status)] = "Colour meanings saved.";
        return Redirect("/notes#colors");
    }

    /// <summary>Deletes one of this reader's highlights (the page offers it for detached ones).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var userId = UserId;
        var deleted = await db.Highlights.Where(h => h.Id == id && h.UserId == userId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            return NotFound();
        }

        TempData[nameof(Status)] = "Highlight deleted.";
        return Redirect("/notes");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = UserId;
        Filter = new NotesFilter(View, Color, Tag, ArticleSlug, PageNumber, Q).Normalized();
        (View, Color, Tag, ArticleSlug, PageNumber, Q) = (Filter.View, Filter.Color, Filter.Tag, Filter.ArticleSlug, Filter.PageNumber, Filter.Q);
        IQueryable<Guid>? matching = null;
        if (Filter.Q is { } words)
        {
            var (query, colors, problem) = await searches.ParseAsync(words, userId, ct);
            if (query is null)
            {
                ModelState.AddModelError("q", problem!);
                matching = db.Highlights.Where(h => false).Select(h => h.Id);
            }
            else if (!query.IsEmpty)
            {
                matching = searches.MatchingHighlights(userId, query, colors);
            }
        }

        Labels = await ColorLabels.ForUserAsync(db, userId, ct);
        // Counted as they are written (ReaderTag): one row per tag, however many highlights carry it.
        Tags = await db.ReaderTags.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderBy(t => t.Name)
            .Select(t => new TagCount(t.Name, t.Highlights))
            .ToListAsync(ct);
        var recent = db.Highlights.Where(h => h.UserId == userId).OrderByDescending(h => h.CreatedAt)
            .Take(RecentHighlightsForArticles).Select(h => h.ArticleId);
        var chosen = Filter.ArticleSlug;
        ArticleChoices = await db.Articles.AsNoTracking()
            .Where(a => recent.Contains(a.Id) || a.Slug == chosen)
            .OrderBy(a => a.Title)
            .Select(a => new ArticleChoice(a.Slug, a.Title))
            .ToListAsync(ct);

        var highlights = Filter.Highlights(db, userId, matching);
        Total = await highlights.Take(SearchEngine.CountCap + 1).CountAsync(ct);
        if (Filter.IsByArticle)
        {
            (Groups, HasNextPage) = await NotesByArticle.PageAsync(db, userId, Filter, highlights, ct);
        }
        else
        {
            (Highlights, HasNextPage) = await NotesList.PageAsync(db, highlights, Filter.PageNumber, ct);
        }
    }
}
