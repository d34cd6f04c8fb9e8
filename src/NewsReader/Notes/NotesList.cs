using NewsReader.Annotations;

namespace NewsReader.Notes;

/// <summary>My notes, newest first: a numbered page of the filtered highlights.</summary>
public static class NotesList
{
    public const int PerPage = 50;

    public static async Task<(IReadOnlyList<NoteListItem> Items, bool HasNextPage)> PageAsync(AppDb db, IQueryable<Highlight> highlights,
        int page, CancellationToken ct)
    {
        var rows = await NoteRow.From(db, highlights).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip((page - 1) * PerPage).Take(PerPage + 1)
            .ToListAsync(ct);
        return (rows.Take(PerPage).Select(r => r.ToItem()).ToList(), rows.Count > PerPage);
    }
}
