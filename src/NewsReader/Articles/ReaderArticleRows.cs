namespace NewsReader.Articles;

/// <summary>A row that is one reader's own, about one article (a note, tags, reading state, a revision notice).</summary>
public interface IReaderArticleRow
{
    string UserId { get; }

    int ArticleId { get; }
}

internal static class ReaderArticleRows
{
    /// <summary>The row goes with the reader's account and with the article: both foreign keys cascade.</summary>
    public static EntityTypeBuilder<T> BelongsToReaderAndArticle<T>(this EntityTypeBuilder<T> row)
        where T : class, IReaderArticleRow
    {
        row.HasOne<IdentityUser>().WithMany().HasForeignKey(nameof(IReaderArticleRow.UserId)).OnDelete(DeleteBehavior.Cascade);
        row.HasOne<Article>().WithMany().HasForeignKey(nameof(IReaderArticleRow.ArticleId)).OnDelete(DeleteBehavior.Cascade);
        return row;
    }
}
