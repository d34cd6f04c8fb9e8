using Microsoft.Extensions.Caching.Memory;
using NewsReader.Articles.Parsing;

namespace NewsReader.Articles;

/// <summary>A revision ready to serve: its blocks, its plain text and each block's rendered HTML.</summary>
public sealed class RevisionContent(int id, IReadOnlyList<ArticleBlock> blocks)
{
    private string[]? _blockElements;

    public int Id { get; } = id;

    public ArticleText Text { get; } = new(blocks);

    public IReadOnlyList<ArticleBlock> Blocks => Text.Blocks;

    /// <summary>
    /// Each block's whole element without highlights, rendered once per revision when a page
    /// first needs it (exports and the API never do). Two first requests may both render it;
    /// either result is the same.
    /// </summary>
    public IReadOnlyList<string> BlockElements => _blockElements ??= Blocks.Select((block, i) => ArticleHtml.Element(block, i, [])).ToArray();
}

/// <summary>
/// Revisions never change once stored, so their parsed and rendered form is cached by id.
/// Its own cache, bounded by text size, so one huge archive cannot take the server's memory.
/// </summary>
public sealed class RevisionCache(IServiceScopeFactory scopes) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    public async Task<RevisionContent> GetAsync(int revisionId, CancellationToken ct)
    {
        if (_cache.TryGetValue(revisionId, out RevisionContent? cached) && cached is not null)
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var json = await db.ArticleRevisions.Where(r => r.Id == revisionId).Select(r => r.BlocksJson).SingleAsync(ct);
        var content = new RevisionContent(revisionId, StoredBlocks.Deserialize(json));
        _cache.Set(revisionId, content, new MemoryCacheEntryOptions { Size = ApproximateBytes(content) });
        return content;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>
    /// What a cached revision holds, in bytes: its text twice as UTF-16 (the whole and the
    /// blocks), the blocks' rendered elements (about the text again, with markup) and per-block
    /// objects. Counting only the text let the cache hold about twice its limit.
    /// </summary>
    private static long ApproximateBytes(RevisionContent content) =>
        Math.Max(1, ((long)content.Text.Text.Length * 10) + (content.Blocks.Count * 256L));
}
