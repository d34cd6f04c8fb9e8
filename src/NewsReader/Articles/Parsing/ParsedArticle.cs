namespace NewsReader.Articles.Parsing;

/// <summary>The kinds of block an article body is made of; each becomes one element with an anchor id.</summary>
public enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,
    Quote,
    Code,
}

public enum InlineKind
{
    Emphasis,
    Strong,
    Code,
    Link,
}

/// <summary>Inline formatting over <c>[Start, End)</c> of a block's text (UTF-16 offsets).</summary>
public sealed record InlineSpan(int Start, int End, InlineKind Kind, string? Href = null);

/// <summary>
/// One block of an article: its anchor, exact text and presentation details.
/// <see cref="Level"/> is the heading level (2–6), list nesting depth (0-based) or quote depth.
/// A parser leaves <see cref="Anchor"/> empty; <see cref="StoredBlocks.FromParsed"/> gives each
/// block of a revision its anchor, and the revision stores the blocks as JSON.
/// </summary>
public sealed record ArticleBlock(
    string Anchor,
    BlockKind Kind,
    string Text,
    int Level = 0,
    bool Ordered = false,
    int? Number = null,
    IReadOnlyList<InlineSpan>? Inlines = null);

public sealed record ParsedArticle(
    string Title,
    IReadOnlyList<string> Authors,
    DateOnly? PublishedOn,
    string? Source,
    string? Place,
    IReadOnlyList<ArticleBlock> Blocks);

/// <summary>Input that cannot become an article; the message names the problem for the reader.</summary>
public sealed class ArticleFormatException(string message) : Exception(message);
