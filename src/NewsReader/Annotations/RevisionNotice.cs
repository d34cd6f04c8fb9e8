using NewsReader.Articles;

namespace NewsReader.Annotations;

/// <summary>
/// What an article's latest revision did to one reader's highlights on it, for the notice on the
/// article page: how many moved with their text, how many were found again by their quote, how
/// many were newly detached. Written by the re-anchoring in the import's transaction (one row
/// per reader and article; each new revision deletes the article's rows first, so a row is
/// always about the current revision, and none is left when nothing of theirs was touched);
/// the reader's Dismiss deletes it.
/// </summary>
[PrimaryKey(nameof(UserId), nameof(ArticleId))]
public sealed class RevisionNotice(string userId, int articleId) : IReaderArticleRow
{
    public string UserId { get; private set; } = userId;

    public int ArticleId { get; private set; } = articleId;

    public int Moved { get; set; }

    public int Found { get; set; }

    public int Detached { get; set; }
}
