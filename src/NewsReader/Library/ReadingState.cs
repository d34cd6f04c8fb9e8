using NewsReader.Articles;

namespace NewsReader.Library;

/// <summary>
/// Where one reader is with one article: read or not, archived, a favourite, and how far down
/// they have scrolled. Private to the reader; a row exists only once they changed something.
/// </summary>
[PrimaryKey(nameof(UserId), nameof(ArticleId))]
public sealed class ReadingState : IReaderArticleRow
{
    public required string UserId { get; set; }

    public int ArticleId { get; set; }

    public bool Read { get; set; }

    public bool Archived { get; set; }

    public bool Favorite { get; set; }

    /// <summary>How far down the article the reader has come, 0 (the top) to 1 (the end).</summary>
    public double Progress { get; set; }

    public DateTime UpdatedAt { get; set; }
}
