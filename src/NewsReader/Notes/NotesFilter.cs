using NewsReader.Annotations;
using NewsReader.Articles;

namespace NewsReader.Notes;

/// <summary>
/// What My notes shows: the view (newest first, or by article), the colour, tag and article
/// filters, the search words (<see cref="Q"/>, search's query language) and the page. One record for the list, the by-article view and every link between
/// them, so a filter means the same everywhere.
/// </summary>
public sealed record NotesFilter(string? View, string? Color, string? Tag, string? ArticleSlug, int PageNumber, string? Q = null)
{
    public const string ByArticle = "articles";

    public bool IsByArticle => View == ByArticle;

    public bool IsFiltered => Color is not null || Tag is not null || ArticleSlug is not null || Q is not null;

    /// <summary>What was asked, made safe: an unknown view or colour is none, a tag as tags are stored, page 1 at least.</summary>
    public NotesFilter Normalized() => new(
        View == ByArticle ? ByArticle : null,
        HighlightRules.IsColor(Color) ? Color : null,
        string.IsNullOrWhiteSpace(Tag) ? null : HighlightRules.NormalizeTags([Tag]).FirstOrDefault(),
        string.IsNullOrWhiteSpace(ArticleSlug) ? null : ArticleSlug,
        Math.Max(1, PageNumber),
        string.IsNullOrWhiteSpace(Q) ? null : Q.Trim());

    /// <summary>My notes' address with some filters changed.</summary>
    public static string Link(string? view = null, string? color = null, string? tag = null, string? article = null, int page = 1, string? q = null)
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
        Add("q", q);
        Add("p", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return "/notes" + QueryString.Create(query);
    }

    public string PageLink(int page) => Link(View, Color, Tag, ArticleSlug, page, Q);

    /// <summary>The reader's articles the filter leaves (all, or the one chosen).</summary>
    public IQueryable<Article> Articles(AppDb db)
    {
        var articles = db.Articles.AsNoTracking();
        return ArticleSlug is { } slug ? articles.Where(a => a.Slug == slug) : articles;
    }

    /// <summary>The reader's highlights the filter leaves; <paramref name="matching"/>: those the search words find, when there are any.</summary>
    public IQueryable<Highlight> Highlights(AppDb db, string userId, IQueryable<Guid>? matching = null)
    {
        var highlights = db.Highlights.AsNoTracking().Where(h => h.UserId == userId);
        if (matching is not null)
        {
            highlights = highlights.Where(h => matching.Contains(h.Id));
        }

        if (Color is { } color)
        {
            highlights = highlights.Where(h => h.Color == color);
        }

        if (Tag is { } tag)
        {
            highlights = highlights.Where(h => h.Tags.Any(t => t.Name == tag));
        }

        if (ArticleSlug is not null)
        {
            var articles = Articles(db);
            highlights = highlights.Where(h => articles.Any(a => a.Id == h.ArticleId));
        }

        return highlights;
    }
}
