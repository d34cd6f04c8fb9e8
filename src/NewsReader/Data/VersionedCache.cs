using Microsoft.Extensions.Caching.Memory;

namespace NewsReader.Data;

/// <summary>
/// Values read from the database, each kept with the <see cref="DataVersion"/> it was read at
/// and served again only while nothing has been committed since, by any process, to what
/// <paramref name="scope"/> names (by default, anything). The
/// version is read before the value, so a commit in between makes an entry stale, never wrong.
/// Bounded: <paramref name="sizeLimit"/> in the units each entry's size is given in.
/// </summary>
public sealed class VersionedCache<TKey, TValue>(DataVersion versions, long sizeLimit, DataScope scope = DataScope.Everything) : IDisposable
    where TKey : notnull
    where TValue : class
{
    private sealed record Entry(long Version, TValue Value);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = sizeLimit });

    /// <summary>The cached value while still current; otherwise <paramref name="read"/>'s, kept when not null.</summary>
    public async Task<TValue?> GetOrReadAsync(TKey key, Func<Task<TValue?>> read, Func<TValue, long>? size = null)
    {
        var version = await versions.CurrentAsync(scope);
        if (version is { } before && _cache.TryGetValue(key, out Entry? entry) && entry!.Version == before)
        {
            return entry.Value;
        }

        var value = await read();
        if (value is not null && version is { } readAt)
        {
            _cache.Set(key, new Entry(readAt, value), new MemoryCacheEntryOptions
            {
                Size = size?.Invoke(value) ?? 1,
                SlidingExpiration = TimeSpan.FromMinutes(10),
            });
        }

        return value;
    }

    public void Dispose() => _cache.Dispose();
}
