using NewsReader.Annotations;

namespace NewsReader.Notes;

/// <summary>An article on My notes' by-article view: its note and the reader's matching highlights in reading order.</summary>
public sealed record ArticleGroup(string Slug, string Title, string ArticleNoteHtml, IReadOnlyList<NoteListItem> Highlights, bool Deleted = false);

/// <summary>My notes by article: a numbered page of articles in library order, each with its note and highlights.</summary>
public static class NotesByArticle
{
    public const int PerPage = 20;

    public static async Task<(IReadOnlyList<ArticleGroup> Groups, bool HasNextPage)> PageAsync(AppDb db, string userId, NotesFilter filter,
        IQueryable<Highlight> highlights, CancellationToken ct)
    {
        // Article notes have no colour or tags: with those filters on, only highlights count.
        var withNotes = filter.Color is null && filter.Tag is null;
        var page = await filter.Articles(db)
            .Where(a => highlights.Any(h => h.ArticleId == a.Id)
                || (withNotes && db.ArticleNotes.Any(n => n.UserId == userId && n.ArticleId == a.Id)))
            .OrderByDescending(a => a.SortDate).ThenByDescending(a => a.Id)
            .Skip((filter.PageNumber - 1) * PerPage).Take(PerPage + 1)
            .Select(a => new { a.Id, a.Slug, a.Title, Deleted = a.DeletedAt != null })
            .ToListAsync(ct);
        var ids = page.Take(PerPage).Select(a => a.Id).ToList();
        var rows = await NoteRow.From(db, highlights.Where(h => ids.Contains(h.ArticleId))).ToListAsync(ct);
        var notes = withNotes
            ? await db.ArticleNotes.AsNoTracking().Where(n => n.UserId == userId && ids.Contains(n.ArticleId))
                .ToDictionaryAsync(n => n.ArticleId, n => n.NoteHtml, ct)
            : [];
        var groups = page.Take(PerPage).Select(a => new ArticleGroup(a.Slug, a.Title,
                notes.GetValueOrDefault(a.Id) ?? "",
                rows.Where(r => r.ArticleId == a.Id)
                    .OrderBy(r => r.Orphan).ThenBy(r => r.StartBlock).ThenBy(r => r.StartOffset).ThenBy(r => r.CreatedAt)
                    .Select(r => r.ToItem()).ToList(),
                a.Deleted))
            .ToList();
        return (groups, page.Count > PerPage);
    }
}
