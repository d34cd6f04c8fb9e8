using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Data;

namespace NewsReader.Notes;

/// <summary>
/// All of a reader's highlights and notes: newest first, or by article (with the article
/// notes), filtered by colour, tag and article. Also where colours get their meanings, for
/// readers without JavaScript too. Pages are numbered: a reader jumps around their notes.
/// What the page costs must not grow with the number of notes: matches are counted only up to
/// <see cref="CountCap"/>, and the article filter offers the articles of the reader's latest
/// highlights (and the one chosen), not every article they ever highlighted.
/// </summary>
[Authorize]
public sealed class MyNotesModel(AppDb db) : PageModel
{
    public const int HighlightsPerPage = 50;
    public const int ArticlesPerPage = 20;
    public const string ByArticle = "articles";

    /// <summary>Beyond this many matches the heading says "more than": counting them all would read them all.</summary>
    public const int CountCap = 1_000;

    /// <summary>The article filter lists the articles of this many of the reader's latest highlights.</summary>
    public const int RecentHighlightsForArticles = 200;

    public sealed record Item(Guid Id, string ArticleSlug, string ArticleTitle, string Exact, string Color, string NoteHtml,
        IReadOnlyList<string> Tags, bool Orphan, DateTime CreatedAt)
    {
        /// <summary>The highlight in its article; a detached one is listed in the article's notes panel.</summary>
        public string Link => Orphan ? $"/articles/{ArticleSlug}#notes" : $"/articles/{ArticleSlug}#h-{Id}";
    }

    public sealed record ArticleGroup(string Slug, string Title, string ArticleNoteHtml, IReadOnlyList<Item> Highlights);

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

    /// <summary>"p", because Razor Pages keeps "page" for its own routing.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool IsByArticle => View == ByArticle;

    public bool IsFiltered => Color is not null || Tag is not null || ArticleSlug is not null;

    public IReadOnlyList<Item> Highlights { get; private set; } = [];

    public IReadOnlyList<ArticleGroup> Groups { get; private set; } = [];

    /// <summary>Matches, counted up to <see cref="CountCap"/>; see <see cref="TotalIsCapped"/>.</summary>
    public int Total { get; private set; }

    public bool TotalIsCapped => Total > CountCap;

    /// <summary>The count the heading starts with: "11", or "More than 1,000".</summary>
    public string TotalText => TotalIsCapped
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"More than {CountCap:N0}")
        : Total.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool HasNextPage { get; private set; }

    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<TagCount> Tags { get; private set; } = [];

    public IReadOnlyList<ArticleChoice> ArticleChoices { get; private set; } = [];

    [TempData]
    public string? Status { get; set; }

    public string? LabelFor(string color) => Labels.TryGetValue(color, out var label) ? label : null;

    public string ColorText(string color) => LabelFor(color) is { } label ? $"{HighlightRules.ColorName(color)}: {label}" : HighlightRules.ColorName(color);

    /// <summary>This page's address with some filters changed.</summary>
    public string Link(string? view = null, string? color = null, string? tag = null, string? article = null, int page = 1)
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(new(name, value));
            }
        }

        Add("view", view);
        Add("color", color);
        Add("tag", tag);
        Add("article", article);
        Add("p", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return "/notes" + QueryString.Create(query);
    }

    public string PageLink(int page) => Link(View, Color, Tag, ArticleSlug, page);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostColorsAsync(Dictionary<string, string?> labels, CancellationToken ct)
    {
        foreach (var color in HighlightRules.Colors)
        {
            if (await ColorLabels.SaveAsync(db, UserId, color, labels.GetValueOrDefault(color), ct) is { } problem)
            {
                ModelState.AddModelError($"labels[{color}]", $"{HighlightRules.ColorName(color)}: {problem}");
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        Status = "Colour meanings saved.";
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

        Status = "Highlight deleted.";
        return Redirect("/notes");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = UserId;
        View = View == ByArticle ? ByArticle : null;
        Color = HighlightRules.IsColor(Color) ? Color : null;
        Tag = string.IsNullOrWhiteSpace(Tag) ? null : HighlightRules.NormalizeTags([Tag]).FirstOrDefault();
        ArticleSlug = string.IsNullOrWhiteSpace(ArticleSlug) ? null : ArticleSlug;
        PageNumber = Math.Max(1, PageNumber);

        Labels = await ColorLabels.ForUserAsync(db, userId, ct);
        // Counted within the (user, name) index, without reading a highlight.
        Tags = await db.HighlightTags.AsNoTracking()
            .Where(t => t.UserId == userId)
            .GroupBy(t => t.Name)
            .OrderBy(g => g.Key)
            .Select(g => new TagCount(g.Key, g.Count()))
            .ToListAsync(ct);
        var recent = db.Highlights.Where(h => h.UserId == userId).OrderByDescending(h => h.CreatedAt)
            .Take(RecentHighlightsForArticles).Select(h => h.ArticleId);
        var chosen = ArticleSlug;
        ArticleChoices = await db.Articles.AsNoTracking()
            .Where(a => recent.Contains(a.Id) || a.Slug == chosen)
            .OrderBy(a => a.Title)
            .Select(a => new ArticleChoice(a.Slug, a.Title))
            .ToListAsync(ct);

        var highlights = db.Highlights.AsNoTracking().Where(h => h.UserId == userId);
        if (Color is not null)
        {
            highlights = highlights.Where(h => h.Color == Color);
        }

        if (Tag is not null)
        {
            highlights = highlights.Where(h => h.Tags.Any(t => t.Name == Tag));
        }

        var articles = db.Articles.AsNoTracking();
        if (ArticleSlug is not null)
        {
            articles = articles.Where(a => a.Slug == ArticleSlug);
            highlights = highlights.Where(h => articles.Any(a => a.Id == h.ArticleId));
        }

        Total = await highlights.Take(CountCap + 1).CountAsync(ct);
        if (IsByArticle)
        {
            await LoadGroupsAsync(userId, highlights, articles, ct);
        }
        else
        {
            var page = await Rows(highlights).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
                .Skip((PageNumber - 1) * HighlightsPerPage).Take(HighlightsPerPage + 1)
                .ToListAsync(ct);
            HasNextPage = page.Count > HighlightsPerPage;
            Highlights = page.Take(HighlightsPerPage).Select(r => r.ToItem()).ToList();
        }
    }

    /// <summary>A page of articles (library order), each with its note and all its matching highlights in reading order.</summary>
    private async Task LoadGroupsAsync(string userId, IQueryable<Highlight> highlights, IQueryable<Article> articles, CancellationToken ct)
    {
        // Article notes have no colour or tags: with those filters on, only highlights count.
        var withNotes = Color is null && Tag is null;
        var page = await articles
            .Where(a => highlights.Any(h => h.ArticleId == a.Id)
                || (withNotes && db.ArticleNotes.Any(n => n.UserId == userId && n.ArticleId == a.Id)))
            .OrderByDescending(a => a.SortDate).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * ArticlesPerPage).Take(ArticlesPerPage + 1)
            .Select(a => new { a.Id, a.Slug, a.Title })
            .ToListAsync(ct);
        HasNextPage = page.Count > ArticlesPerPage;
        var ids = page.Take(ArticlesPerPage).Select(a => a.Id).ToList();
        var rows = await Rows(highlights.Where(h => ids.Contains(h.ArticleId))).ToListAsync(ct);
        var notes = withNotes
            ? await db.ArticleNotes.AsNoTracking().Where(n => n.UserId == userId && ids.Contains(n.ArticleId))
                .ToDictionaryAsync(n => n.ArticleId, n => n.NoteHtml, ct)
            : [];
        Groups = page.Take(ArticlesPerPage).Select(a => new ArticleGroup(a.Slug, a.Title,
                notes.GetValueOrDefault(a.Id) ?? "",
                rows.Where(r => r.ArticleId == a.Id)
                    .OrderBy(r => r.Orphan).ThenBy(r => r.StartBlock).ThenBy(r => r.StartOffset).ThenBy(r => r.CreatedAt)
                    .Select(r => r.ToItem()).ToList()))
            .ToList();
    }

    /// <summary>A highlight joined to its article; settable members so the database can still sort and page by them.</summary>
    private sealed class Row
    {
        public Guid Id { get; init; }

        public int ArticleId { get; init; }

        public string ArticleSlug { get; init; } = "";

        public string ArticleTitle { get; init; } = "";

        public string Exact { get; init; } = "";

        public string Color { get; init; } = "";

        public string NoteHtml { get; init; } = "";

        public List<string> Tags { get; init; } = [];

        public bool IsOrphan { get; init; }

        public int RevisionId { get; init; }

        public int CurrentRevisionId { get; init; }

        /// <summary>The notes panel's test, as far as the database can tell without the text (<see cref="HighlightPlacement"/>).</summary>
        public bool Orphan => HighlightPlacement.IsDetached(IsOrphan, RevisionId, CurrentRevisionId);

        public int StartBlock { get; init; }

        public int StartOffset { get; init; }

        public DateTime CreatedAt { get; init; }

        public Item ToItem() => new(Id, ArticleSlug, ArticleTitle, Exact, Color, NoteHtml, Tags, Orphan, CreatedAt);
    }

    private IQueryable<Row> Rows(IQueryable<Highlight> highlights) =>
        from h in highlights
        join a in db.Articles on h.ArticleId equals a.Id
        select new Row
        {
            Id = h.Id,
            ArticleId = h.ArticleId,
            ArticleSlug = a.Slug,
            ArticleTitle = a.Title,
            Exact = h.Exact,
            Color = h.Color,
            NoteHtml = h.NoteHtml,
            Tags = h.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(),
            IsOrphan = h.IsOrphan,
            RevisionId = h.RevisionId,
            CurrentRevisionId = a.CurrentRevisionId,
            StartBlock = h.StartBlock,
            StartOffset = h.StartOffset,
            CreatedAt = h.CreatedAt,
        };
}
