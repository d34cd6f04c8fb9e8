using NewsReader.Articles;

namespace NewsReader.Annotations;

/// <summary>
/// A reader's highlight: a range from (<see cref="StartAnchor"/>, <see cref="StartOffset"/>) to
/// (<see cref="EndAnchor"/>, <see cref="EndOffset"/>) in revision <see cref="RevisionId"/>,
/// offsets in UTF-16 units within each block, end exclusive. <see cref="Exact"/>,
/// <see cref="Prefix"/> and <see cref="Suffix"/> quote the text (W3C TextQuoteSelector) so
/// the highlight can be found again when the article changes. An orphan keeps everything but
/// its place.
/// </summary>
public sealed class Highlight : MarkdownNote
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public int ArticleId { get; set; }

    public int RevisionId { get; set; }

    public required string StartAnchor { get; set; }

    public int StartOffset { get; set; }

    public required string EndAnchor { get; set; }

    public int EndOffset { get; set; }

    /// <summary>Ordinal of the start block in its revision: reading order without loading the text.</summary>
    public int StartBlock { get; set; }

    public int EndBlock { get; set; }

    public required string Exact { get; set; }

    public string Prefix { get; set; } = "";

    public string Suffix { get; set; } = "";

    public required string Color { get; set; }

    public bool IsOrphan { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Counts every change (colour, note, tags, place): the API's ETag. A concurrency token, so
    /// two writers that read the same version cannot both write over each other unseen.
    /// </summary>
    public int Version { get; set; } = 1;

    public List<HighlightTag> Tags { get; set; } = [];

    /// <summary>
    /// Places the highlight on [start, end) of <paramref name="text"/> (offsets in its plain
    /// text), trimmed so neither end sits in the blank line between blocks; its quote and context
    /// are read from the text as it now is. False, and nothing changed, when no text is left.
    /// </summary>
    public bool PlaceAt(ArticleText text, int start, int end)
    {
        var range = text.ToRange(start, end);
        (start, end) = (text.Offset(range.Start), text.Offset(range.End));
        if (end <= start)
        {
            return false;
        }

        MoveTo(range, text.Slice(start, end),
            text.Prefix(start, HighlightRules.QuoteContextLength), text.Suffix(end, HighlightRules.QuoteContextLength));
        return true;
    }

    /// <summary>Sets the place and quote (with context) that re-anchoring or validation worked out.</summary>
    public void MoveTo(TextRange range, string exact, string prefix, string suffix)
    {
        StartAnchor = range.Start.Anchor;
        StartOffset = range.Start.Offset;
        StartBlock = range.Start.Block;
        EndAnchor = range.End.Anchor;
        EndOffset = range.End.Offset;
        EndBlock = range.End.Block;
        Exact = exact;
        Prefix = prefix;
        Suffix = suffix;
        IsOrphan = false;
    }
}

public sealed class HighlightTag
{
    public Guid HighlightId { get; set; }

    /// <summary>The highlight's reader, repeated here so a reader's tags are one index range, not a join over every highlight.</summary>
    public required string UserId { get; set; }

    public required string Name { get; set; }
}

/// <summary>
/// A note in Markdown and its HTML, rendered once when the note is written, not on every page
/// view (EF Core loads both from their columns). Highlights and article notes both have one.
/// </summary>
public abstract class MarkdownNote
{
    private string _note = "";

    /// <summary>The note's Markdown; setting it renders <see cref="NoteHtml"/> (<see cref="NoteMarkdown.ToHtml"/>).</summary>
    public string Note
    {
        get => _note;
        set
        {
            _note = value;
            NoteHtml = NoteMarkdown.ToHtml(value);
        }
    }

    public string NoteHtml { get; set; } = "";
}

/// <summary>A reader's note on a whole article.</summary>
public sealed class ArticleNote : MarkdownNote, IReaderArticleRow
{
    public required string UserId { get; set; }

    public int ArticleId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Counts every change: the API's ETag (0 stands for "no note yet").</summary>
    public int Version { get; set; } = 1;
}

/// <summary>A meaning a reader gives one of the highlight colours (yellow = "key claim").</summary>
public sealed class ColorLabel
{
    public required string UserId { get; set; }

    public required string Color { get; set; }

    public required string Label { get; set; }
}

internal sealed class HighlightConfiguration : IEntityTypeConfiguration<Highlight>
{
    public void Configure(EntityTypeBuilder<Highlight> highlight)
    {
        // AFTER triggers keep the search index (Search/SearchIndex.cs): EF Core must not use RETURNING here.
        highlight.ToTable(t => t.UseSqlReturningClause(false));
        highlight.HasOne<IdentityUser>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
        highlight.HasOne<Article>().WithMany().HasForeignKey(h => h.ArticleId).OnDelete(DeleteBehavior.Cascade);
        highlight.HasIndex(h => new { h.UserId, h.ArticleId, h.StartBlock, h.StartOffset });
        highlight.HasIndex(h => new { h.UserId, h.CreatedAt });
        // My notes filtered by colour, newest first: served by the index, not by reading every row.
        highlight.HasIndex(h => new { h.UserId, h.Color, h.CreatedAt });
        highlight.HasIndex(h => h.ArticleId);
        highlight.Property(h => h.Color).HasMaxLength(16);
        highlight.HasMany(h => h.Tags).WithOne().HasForeignKey(t => t.HighlightId).OnDelete(DeleteBehavior.Cascade);
        highlight.Property(h => h.Version).HasDefaultValue(1).IsConcurrencyToken();
    }
}

internal sealed class HighlightTagConfiguration : IEntityTypeConfiguration<HighlightTag>
{
    public void Configure(EntityTypeBuilder<HighlightTag> tag)
    {
        // AFTER triggers keep the search index (Search/SearchIndex.cs): EF Core must not use RETURNING here.
        tag.ToTable(t => t.UseSqlReturningClause(false));
        tag.HasKey(t => new { t.HighlightId, t.Name });
        tag.HasIndex(t => t.Name);
        tag.HasIndex(t => new { t.UserId, t.Name });
        tag.Property(t => t.Name).HasMaxLength(HighlightRules.MaxTagLength);
    }
}

internal sealed class ArticleNoteConfiguration : IEntityTypeConfiguration<ArticleNote>
{
    public void Configure(EntityTypeBuilder<ArticleNote> note)
    {
        note.HasKey(n => new { n.UserId, n.ArticleId });
        note.Property(n => n.Version).HasDefaultValue(1).IsConcurrencyToken();
    }
}

internal sealed class ColorLabelConfiguration : IEntityTypeConfiguration<ColorLabel>
{
    public void Configure(EntityTypeBuilder<ColorLabel> label)
    {
        label.HasKey(l => new { l.UserId, l.Color });
        label.HasOne<IdentityUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
