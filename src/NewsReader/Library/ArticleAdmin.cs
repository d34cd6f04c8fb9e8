using NewsReader.Articles;

namespace NewsReader.Library;

/// <summary>
/// What an administrator does to an article: give it another title, or delete it. Both are one
/// transaction each; neither changes the slug.
/// </summary>
public static class ArticleAdmin
{
    public const int MaxTitleLength = 300;

    /// <summary>Why <paramref name="title"/> cannot be an article's title, or null when it can (then trimmed).</summary>
    public static string? TitleProblem(string? title) => title?.Trim() switch
    {
        null or "" => "A title cannot be empty.",
        { Length: > MaxTitleLength } long_ => $"A title can have at most {MaxTitleLength} characters; this has {long_.Length}.",
        var t when t.Any(char.IsControl) => "A title is one line of text: no line breaks or control characters.",
        _ => null,
    };

    /// <summary>
    /// Sets the title the library, the page, search and exports show; the slug stays. A later
    /// re-import keeps it unless the file brings a new headline (<see cref="Article.FileTitle"/>).
    /// </summary>
    public static Task<int> RetitleAsync(AppDb db, int articleId, string title, TimeProvider clock, CancellationToken ct) =>
        db.Articles.Where(a => a.Id == articleId && a.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, title.Trim()).SetProperty(a => a.UpdatedAt, clock.GetUtcNow().UtcDateTime), ct);

    /// <summary>
    /// Deletes an article and its revisions; keeps what readers wrote. Every reader's highlights
    /// on it stay, detached (quote, note, tags, and the article's title through its row), and so do
    /// their article notes; their reading state and article tags go. The article's row stays as a
    /// tombstone without a revision (<see cref="Article.DeletedAt"/>): its slug is never handed to
    /// another article, and re-importing its file gives it a new revision and re-attaches what can
    /// be found again. The search index drops it in the same transaction (its trigger on
    /// CurrentRevisionId). False when there is no such article.
    /// </summary>
    public static async Task<bool> DeleteAsync(AppDb db, int articleId, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.Articles.Where(a => a.Id == articleId && a.DeletedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.DeletedAt, now)
                .SetProperty(a => a.UpdatedAt, now)
                .SetProperty(a => a.CurrentRevisionId, 0)
                .SetProperty(a => a.RevisionNumber, 0)                 // its file, imported again, is revision 1 of a new history
                // No hash: a file with the same text is a new article, and this one's own file a new revision.
                .SetProperty(a => a.ContentHash, ""), ct);
        if (deleted == 0)
        {
            return false;
        }

        await db.Highlights.Where(h => h.ArticleId == articleId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.IsOrphan, true).SetProperty(h => h.Version, h => h.Version + 1), ct);
        await db.ReadingStates.Where(s => s.ArticleId == articleId).ExecuteDeleteAsync(ct);
        await db.ArticleTags.Where(t => t.ArticleId == articleId).ExecuteDeleteAsync(ct);
        await db.RevisionNotices.Where(n => n.ArticleId == articleId).ExecuteDeleteAsync(ct);
        await db.ArticleRevisions.Where(r => r.ArticleId == articleId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
