using NewsReader.Annotations;

namespace NewsReader.Library;

/// <summary>What setting an article's tags came to: the tags now set, or the problem (nothing changed).</summary>
public sealed record ArticleTagsSaved(IReadOnlyList<string> Tags, string? Problem);

/// <summary>A reader's tags on an article: read and replaced whole, by the rules of highlight tags.</summary>
public static class ArticleTags
{
    public static async Task<IReadOnlyList<string>> ForAsync(AppDb db, string userId, int articleId, CancellationToken ct) =>
        await db.ArticleTags.AsNoTracking().Where(t => t.UserId == userId && t.ArticleId == articleId)
            .OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct);

    /// <summary>
    /// Replaces the reader's tags on the article with <paramref name="tags"/> (trimmed,
    /// lower-cased, de-duplicated; at most <see cref="HighlightRules.MaxTags"/> of
    /// <see cref="HighlightRules.MaxTagLength"/> characters), in one transaction. Two tabs saving at
    /// once: the last one wins whole.
    /// </summary>
    public static async Task<ArticleTagsSaved> SetAsync(AppDb db, string userId, int articleId, IEnumerable<string> tags, CancellationToken ct)
    {
        var normalized = HighlightRules.NormalizeTags(tags);
        if (HighlightRules.TagProblem(normalized) is { } problem)
        {
            return new ArticleTagsSaved([], problem);
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.ArticleTags.Where(t => t.UserId == userId && t.ArticleId == articleId).ExecuteDeleteAsync(ct);
                db.ArticleTags.AddRange(normalized.Select(name => new ArticleTag { UserId = userId, ArticleId = articleId, Name = name }));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return new ArticleTagsSaved([.. normalized.Order(StringComparer.Ordinal)], null);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another save of the same article's tags came in between: start again on what it left.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
    }
}
