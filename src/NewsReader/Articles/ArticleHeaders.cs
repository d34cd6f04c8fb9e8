using Microsoft.Extensions.Caching.Memory;

namespace NewsReader.Articles;

/// <summary>
/// The reading view's article headers by slug, each with the <see cref="Data.DataVersion"/> it
/// was read at: served again only while nothing has been committed since (a re-import, by the
/// web or the CLI, is a commit), so a signed-in page view whose notes panel is cached too needs
/// no query at all.
/// </summary>
public sealed class ArticleHeaders : IDisposable
{
    private sealed record Entry(long Version, ReadModel.Header Header);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public ReadModel.Header? Get(string slug, long version) =>
        _cache.TryGetValue(slug, out Entry? entry) && entry!.Version == version ? entry.Header : null;

    public void Set(string slug, long version, ReadModel.Header header) =>
        _cache.Set(slug, new Entry(version, header), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => _cache.Dispose();
}
