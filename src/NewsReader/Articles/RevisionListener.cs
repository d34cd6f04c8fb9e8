using NewsReader.Articles.Parsing;

namespace NewsReader.Articles;

/// <summary>What moving readers' highlights onto an article's new revision came to.</summary>
public sealed record ReanchorReport(int Unchanged, int Mapped, int Fuzzy, int Orphaned)
{
    public int Total => Unchanged + Mapped + Fuzzy + Orphaned;

    public int Moved => Unchanged + Mapped;
}

/// <summary>
/// Told by the importer, inside its transaction and on its database context, that an article has
/// a new revision: whatever is anchored to the old text moves now (Anchoring's
/// <c>HighlightReanchoring</c>, registered by <c>AddAnchoring()</c>). Articles know nothing of highlights.
/// </summary>
public interface IRevisionListener
{
    Task<ReanchorReport> RevisedAsync(int articleId, int oldRevisionId, int newRevisionId, IReadOnlyList<ArticleBlock> newBlocks, CancellationToken ct);
}
