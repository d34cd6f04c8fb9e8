using NewsReader.Annotations;

namespace NewsReader.Notes;

/// <summary>A highlight as My notes lists it. <see cref="ArticleDeleted"/>: an administrator deleted its article; it is kept, detached.</summary>
public sealed record NoteListItem(Guid Id, string ArticleSlug, string ArticleTitle, string Exact, string Color, string NoteHtml,
    IReadOnlyList<string> Tags, bool Orphan, DateTime CreatedAt, bool ArticleDeleted = false)
{
    /// <summary>The highlight in its article; a detached one is listed in the article's notes panel; one on a deleted article, here.</summary>
    public string Link => ArticleDeleted ? ArticleLink : Orphan ? $"/articles/{ArticleSlug}#notes" : $"/articles/{ArticleSlug}#h-{Id}";

    /// <summary>The article, or for a deleted one the reader's notes on it.</summary>
    public string ArticleLink => ArticleDeleted ? $"/notes?article={Uri.EscapeDataString(ArticleSlug)}" : $"/articles/{ArticleSlug}";
}

/// <summary>A highlight joined to its article, as both views of My notes read it.</summary>
internal sealed class NoteRow
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

    public NoteListItem ToItem() => new(Id, ArticleSlug, ArticleTitle, Exact, Color, NoteHtml, Tags, Orphan, CreatedAt, ArticleDeleted);

    /// <summary>A deleted article has no revision (Library's ArticleAdmin).</summary>
    public bool ArticleDeleted => CurrentRevisionId == 0;

    /// <summary>Settable members, so the database can still sort and page by them.</summary>
    public static IQueryable<NoteRow> From(AppDb db, IQueryable<Highlight> highlights) =>
        from h in highlights
        join a in db.Articles on h.ArticleId equals a.Id
        select new NoteRow
        {
            // What the reader kept, where it stands in the article, and the article.
            Id = h.Id, Exact = h.Exact, Color = h.Color, NoteHtml = h.NoteHtml, CreatedAt = h.CreatedAt,
            Tags = h.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(),
            ArticleId = h.ArticleId, RevisionId = h.RevisionId, IsOrphan = h.IsOrphan, StartBlock = h.StartBlock, StartOffset = h.StartOffset,
            ArticleSlug = a.Slug, ArticleTitle = a.Title, CurrentRevisionId = a.CurrentRevisionId,
        };
}
