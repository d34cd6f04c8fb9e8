using NewsReader.Articles;

namespace NewsReader.Annotations;

public sealed record Position(string Anchor, int Offset);

/// <summary>A highlight as the API and the notes panel show it.</summary>
public sealed record HighlightView(
    Guid Id,
    string Color,
    Position Start,
    Position End,
    string Exact,
    string Prefix,
    string Suffix,
    string Note,
    string NoteHtml,
    IReadOnlyList<string> Tags,
    bool Orphan,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>Reading-order key within the article; orphans sort last.</summary>
    internal (int Block, int Offset) Order { get; init; }

    public PlacedHighlight Placed => new(Id, Color, Start.Anchor, Start.Offset, End.Anchor, End.Offset);
}

public static class HighlightMapping
{
    public static HighlightView ToView(this Highlight h, IReadOnlyList<string>? tags = null) =>
        new(h.Id, h.Color, new Position(h.StartAnchor, h.StartOffset), new Position(h.EndAnchor, h.EndOffset),
            h.Exact, h.Prefix, h.Suffix, h.Note, h.NoteHtml,
            tags ?? h.Tags.Select(t => t.Name).Order(StringComparer.Ordinal).ToList(),
            h.IsOrphan, h.CreatedAt, h.UpdatedAt, h.Version)
        {
            Order = h.IsOrphan ? (int.MaxValue, 0) : (h.StartBlock, h.StartOffset),
        };
}
