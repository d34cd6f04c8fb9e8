namespace NewsReader.Articles;

/// <summary>
/// A row that is one reader's own, about one article (a note, tags, reading state, a revision
/// notice). <see cref="AppDb"/> gives every such entity the same two foreign keys.
/// </summary>
public interface IReaderArticleRow
{
    string UserId { get; }

    int ArticleId { get; }
}

internal static class ReaderArticleRows
{
    /// <summary>The row goes with the reader's account and with the article: both foreign keys cascade.</summary>
    public static void BelongToReaderAndArticle(ModelBuilder model)
    {
        foreach (var row in model.Model.GetEntityTypes().Where(t => t.ClrType.IsAssignableTo(typeof(IReaderArticleRow))).ToList())
        {
            var entity = model.Entity(row.ClrType);
            entity.HasOne(typeof(IdentityUser)).WithMany().HasForeignKey(nameof(IReaderArticleRow.UserId)).OnDelete(DeleteBehavior.Cascade);
            entity.HasOne(typeof(Article)).WithMany().HasForeignKey(nameof(IReaderArticleRow.ArticleId)).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
