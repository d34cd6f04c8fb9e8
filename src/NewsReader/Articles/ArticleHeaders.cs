namespace NewsReader.Articles;

/// <summary>What the reading view and the highlights API need to know of an article before its text.</summary>
public sealed record ArticleHeader(int Id, string Slug, string Title, List<string> Authors, DateOnly? PublishedOn,
    string? Source, string? Place, int WordCount, int CurrentRevisionId, int RevisionNumber)
{
    public int ReadingMinutes => ReadingTime.Minutes(WordCount);
}

/// <summary>
/// Articles by slug, kept until an article is written (an import, a re-import, a deletion, by any
/// process), so a repeat view or API call needs no query, also while highlights and notes are
/// being written.
/// </summary>
public sealed class ArticleHeaders(DataVersion versions) : IDisposable
{
    private readonly VersionedCache<string, ArticleHeader> _cache = new(versions, 10_000, DataScope.Articles);

    private static readonly PerDatabase<Func<AppDb, string, Task<ArticleHeader?>>> BySlug = new(() =>
        EF.CompileAsyncQuery((AppDb db, string slug) => db.Articles.AsNoTracking()
            .Where(a => a.Slug == slug && a.DeletedAt == null)
            .Select(a => new ArticleHeader(a.Id, a.Slug, a.Title, a.Authors, a.PublishedOn, a.Source, a.Place, a.WordCount, a.CurrentRevisionId, a.RevisionNumber))
            .FirstOrDefault()));

    public Task<ArticleHeader?> FindAsync(AppDb db, string slug, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return _cache.GetOrReadAsync(slug, () => BySlug.For(db)(db, slug));
    }

    public void Dispose() => _cache.Dispose();
}
