using NewsReader.Annotations;
using NewsReader.Articles;

namespace NewsReader.Library;

/// <summary>
/// A reader's tag on a whole article. Private to the reader, and in the same namespace as
/// their highlight tags (the same rules, <see cref="HighlightRules.NormalizeTags"/>): search's
/// <c>tag:</c> finds both.
/// </summary>
public sealed class ArticleTag : IReaderArticleRow
{
    public required string UserId { get; set; }

    public int ArticleId { get; set; }

    public required string Name { get; set; }
}

internal sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> tag)
    {
        tag.HasKey(t => new { t.UserId, t.ArticleId, t.Name });
        // The library filtered by one tag, and the reader's tag counts: one index range.
        tag.HasIndex(t => new { t.UserId, t.Name, t.ArticleId });
        tag.HasIndex(t => t.ArticleId);
        tag.Property(t => t.Name).HasMaxLength(HighlightRules.MaxTagLength);
    }
}
