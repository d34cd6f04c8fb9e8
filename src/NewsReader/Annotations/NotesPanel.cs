using NewsReader.Articles;

namespace NewsReader.Annotations;

/// <summary>One reader's highlights and notes on one article, as the reading view shows them.</summary>
public sealed class NotesPanel
{
    public required IReadOnlyList<HighlightView> Highlights { get; init; }

    public required IReadOnlyList<HighlightView> Orphans { get; init; }

    public required string ArticleNote { get; init; }

    public required string ArticleNoteHtml { get; init; }

    /// <summary>The article note's version (its ETag); 0 when there is none.</summary>
    public int ArticleNoteVersion { get; init; }

    public required IReadOnlyDictionary<string, string> ColorLabels { get; init; }

    public IEnumerable<PlacedHighlight> Placed => Highlights.Select(h => h.Placed);

    public string? LabelFor(string color) => ColorLabels.TryGetValue(color, out var label) ? label : null;

    private Dictionary<int, string>? _markedElements;

    /// <summary>
    /// The blocks that carry this reader's marks, rendered once per panel; the rest of the body is
    /// the revision's. A panel belongs to one revision, so this is never asked for another.
    /// </summary>
    public IReadOnlyDictionary<int, string> MarkedElements(RevisionContent revision) =>
        _markedElements ??= ArticleBody.RenderMarked(revision, ArticleHtml.MarksByBlock(revision.Text, Placed));
}

/// <summary>
/// Loads a reader's panel for an article's revision. Loaded panels are kept per reader, article
/// and revision until anything is committed (<see cref="VersionedCache{TKey, TValue}"/>):
/// reading an article again and again costs no queries; any write makes the next view reload.
/// </summary>
public sealed class NotesPanelLoader(AppDb db, VersionedCache<(string User, int Article, int Revision), NotesPanel> cache)
{
    // Counted in highlights (each ~1 KB held), so a few readers with huge archives cannot take the server's memory.
    public const long CacheSizeLimit = 20_000;

    /// <summary>A highlight's columns as the panel needs them, read flat (see <see cref="LoadAsync"/>).</summary>
    private sealed record Row(Guid Id, string Color, string StartAnchor, int StartOffset, string EndAnchor, int EndOffset,
        int StartBlock, string Exact, string Prefix, string Suffix, string Note, string NoteHtml, bool IsOrphan, int RevisionId,
        DateTime CreatedAt, DateTime UpdatedAt, int Version);

    private sealed record NoteRow(string Note, string NoteHtml, int Version);

    private sealed record TagRow(Guid HighlightId, string Name);

    // Compiled once: a page view runs these with no expression building or query-cache lookup.
    // Flat rows, and the tags in a second flat query: an Include of the tag collection makes EF
    // Core build a delegate for every highlight it reads, which was most of this page's time.
    private static readonly PerDatabase<Func<AppDb, string, int, IAsyncEnumerable<Row>>> HighlightRows = new(() =>
        EF.CompileAsyncQuery((AppDb db, string userId, int articleId) => db.Highlights.AsNoTracking()
            .Where(h => h.UserId == userId && h.ArticleId == articleId)
            .Select(h => new Row(h.Id, h.Color, h.StartAnchor, h.StartOffset, h.EndAnchor, h.EndOffset, h.StartBlock,
                h.Exact, h.Prefix, h.Suffix, h.Note, h.NoteHtml, h.IsOrphan, h.RevisionId, h.CreatedAt, h.UpdatedAt, h.Version))));

    private static readonly PerDatabase<Func<AppDb, string, int, IAsyncEnumerable<TagRow>>> TagRows = new(() =>
        EF.CompileAsyncQuery((AppDb db, string userId, int articleId) =>
            from h in db.Highlights
            where h.UserId == userId && h.ArticleId == articleId
            join t in db.HighlightTags on h.Id equals t.HighlightId
            select new TagRow(t.HighlightId, t.Name)));

    private static readonly PerDatabase<Func<AppDb, string, int, Task<NoteRow?>>> ArticleNote = new(() =>
        EF.CompileAsyncQuery((AppDb db, string userId, int articleId) => db.ArticleNotes.AsNoTracking()
            .Where(n => n.UserId == userId && n.ArticleId == articleId)
            .Select(n => new NoteRow(n.Note, n.NoteHtml, n.Version))
            .FirstOrDefault()));

    public async Task<NotesPanel> LoadAsync(string userId, int articleId, RevisionContent revision, CancellationToken ct) =>
        (await cache.GetOrReadAsync((userId, articleId, revision.Id), async () => await ReadAsync(userId, articleId, revision, ct),
            panel => 1 + panel.Highlights.Count + panel.Orphans.Count))!;

    /// <summary>
    /// The panel's queries share one open connection: opening a pooled SQLite connection
    /// re-registers EF Core's SQL functions on it (and closing removes them), which cost more
    /// than these queries.
    /// </summary>
    private async Task<NotesPanel> ReadAsync(string userId, int articleId, RevisionContent revision, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await QueryAsync(userId, articleId, revision, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<NotesPanel> QueryAsync(string userId, int articleId, RevisionContent revision, CancellationToken ct)
    {
        var highlights = new List<Row>();
        await foreach (var row in HighlightRows.For(db)(db, userId, articleId).WithCancellation(ct))
        {
            highlights.Add(row);
        }

        var tags = new List<TagRow>();
        if (highlights.Count > 0)
        {
            await foreach (var row in TagRows.For(db)(db, userId, articleId).WithCancellation(ct))
            {
                tags.Add(row);
            }
        }

        var tagsOf = tags.ToLookup(t => t.HighlightId, t => t.Name);
        var note = await ArticleNote.For(db)(db, userId, articleId);
        var labels = await ColorLabels.ForUserAsync(db, userId, ct);

        var placed = new List<HighlightView>();
        var orphans = new List<HighlightView>();
        foreach (var h in highlights)
        {
            var onPage = HighlightPlacement.Locate(h.IsOrphan, h.RevisionId, revision.Id, revision.Text,
                h.StartAnchor, h.StartOffset, h.EndAnchor, h.EndOffset, h.Exact) is not null;
            var view = new HighlightView(h.Id, h.Color, new Position(h.StartAnchor, h.StartOffset), new Position(h.EndAnchor, h.EndOffset),
                h.Exact, h.Prefix, h.Suffix, h.Note, h.NoteHtml, tagsOf[h.Id].Order(StringComparer.Ordinal).ToList(), !onPage, h.CreatedAt, h.UpdatedAt, h.Version)
            {
                Order = h.IsOrphan ? (int.MaxValue, 0) : (h.StartBlock, h.StartOffset),
            };
            (onPage ? placed : orphans).Add(view);
        }

        return new NotesPanel
        {
            Highlights = placed.OrderBy(h => h.Order.Block).ThenBy(h => h.Order.Offset).ThenBy(h => h.CreatedAt).ToList(),
            Orphans = orphans.OrderBy(h => h.CreatedAt).ToList(),
            ArticleNote = note?.Note ?? "",
            ArticleNoteHtml = note?.NoteHtml ?? "",
            ArticleNoteVersion = note?.Version ?? 0,
            ColorLabels = labels,
        };
    }
}
