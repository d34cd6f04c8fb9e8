namespace NewsReader.Articles;

public enum ArticleFormat
{
    WireText,
    Markdown,
}

/// <summary>
/// An imported article. Its identity is <see cref="SourceName"/> (the file name it came from);
/// its text lives in revisions, the newest being <see cref="CurrentRevisionId"/>.
/// </summary>
public sealed class Article
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string SourceName { get; set; }

    public required string Title { get; set; }

    /// <summary>
    /// The headline the file gave at its last import. <see cref="Title"/> differs from it once an
    /// administrator edited the title; a re-import keeps that edit unless the file brings a new headline.
    /// </summary>
    public string FileTitle { get; set; } = "";

    public List<string> Authors { get; set; } = [];

    public DateOnly? PublishedOn { get; set; }

    /// <summary>Publication date, or the import date when the article has none: the library's order.</summary>
    public DateOnly SortDate { get; set; }

    public string? Source { get; set; }

    public string? Place { get; set; }

    public ArticleFormat Format { get; set; }

    public int WordCount { get; set; }

    /// <summary>Plain int, not a foreign key: article and revision would otherwise reference each other.</summary>
    public int CurrentRevisionId { get; set; }

    public int RevisionNumber { get; set; }

    public required string ContentHash { get; set; }

    public DateTime ImportedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// When an administrator deleted the article; null while it is in the library. A deleted
    /// article keeps its row (its slug, title and source name) with no revision, so the readers'
    /// highlights on it stay, detached, its slug is never handed to another article, and
    /// re-importing its file brings it back (ArticleDeletion).
    /// </summary>
    public DateTime? DeletedAt { get; set; }

    public List<ArticleRevision> Revisions { get; set; } = [];

    public int ReadingMinutes => ReadingTime.Minutes(WordCount);
}

/// <summary>One version of an article's text. Old revisions are kept so highlights can be re-anchored.</summary>
public sealed class ArticleRevision
{
    /// <summary>What a revision number that is not one gets told (<see cref="TryParseNumber"/>).</summary>
    public const string NumberProblem = "must be a revision number (1, 2, …)";

    /// <summary>A revision number as an address gives it: digits only, from 1.</summary>
    public static bool TryParseNumber(string? value, out int number) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && number > 0;

    public int Id { get; set; }

    public int ArticleId { get; set; }

    public int Number { get; set; }

    public required string ContentHash { get; set; }

    /// <summary>The imported text after decoding and line-ending normalisation.</summary>
    public required string SourceText { get; set; }

    /// <summary>The parsed blocks with their anchors (<see cref="StoredBlocks"/>).</summary>
    public required string BlocksJson { get; set; }

    public DateTime CreatedAt { get; set; }
}

public static class ReadingTime
{
    private const int WordsPerMinute = 230;

    public static int Minutes(int words) => Math.Max(1, (int)Math.Round(words / (double)WordsPerMinute));

    public static int CountWords(IEnumerable<string> texts)
    {
        var count = 0;
        foreach (var text in texts)
        {
            var inWord = false;
            foreach (var c in text)
            {
                var letter = !char.IsWhiteSpace(c);
                if (letter && !inWord)
                {
                    count++;
                }

                inWord = letter;
            }
        }

        return count;
    }
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        // AFTER triggers keep the search index (Search/SearchIndex.cs): EF Core must not use RETURNING here.
        article.ToTable(t => t.UseSqlReturningClause(false));
        article.HasIndex(a => a.Slug).IsUnique();
        article.HasIndex(a => a.SourceName).IsUnique();
        article.HasIndex(a => a.ContentHash);
        article.HasIndex(a => new { a.SortDate, a.Id });
        // The library sorted by date imported: a keyset on this index, like the one above.
        article.HasIndex(a => new { a.ImportedAt, a.Id });
        article.Property(a => a.Format).HasConversion<string>().HasMaxLength(16);
        article.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        // An AFTER trigger indexes a revision inserted as its article's current one (Search/SearchIndex.cs).
        revision.ToTable(t => t.UseSqlReturningClause(false));
        revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
    }
}
