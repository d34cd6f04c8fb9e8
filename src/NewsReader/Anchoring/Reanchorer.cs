using NewsReader.Annotations;
using NewsReader.Articles;

namespace NewsReader.Anchoring;

/// <summary>How a highlight found its place in a new revision, most certain first.</summary>
public enum AnchorMethod
{
    /// <summary>Its blocks are unchanged: offsets carried over.</summary>
    Unchanged,

    /// <summary>Offsets mapped through a character diff of the old and new text.</summary>
    Mapped,

    /// <summary>Found by searching the new text for its quote and context.</summary>
    Fuzzy,

    /// <summary>Not found with confidence: kept, with its quote and note, but without a place.</summary>
    Orphaned,
}

public sealed record ReanchorOutcome(AnchorMethod Method, TextRange? Range, string Exact, string Prefix, string Suffix)
{
    public void ApplyTo(Highlight highlight, int revisionId)
    {
        highlight.RevisionId = revisionId;
        if (Range is not { } range)
        {
            highlight.IsOrphan = true;
            return;
        }

        highlight.IsOrphan = false;
        highlight.StartAnchor = range.Start.Anchor;
        highlight.StartOffset = range.Start.Offset;
        highlight.StartBlock = range.Start.Block;
        highlight.EndAnchor = range.End.Anchor;
        highlight.EndOffset = range.End.Offset;
        highlight.EndBlock = range.End.Block;
        highlight.Exact = Exact;
        highlight.Prefix = Prefix;
        highlight.Suffix = Suffix;
    }
}

/// <summary>
/// Re-anchors highlights made on one revision of an article onto the next (see README.md).
/// Build one per pair of revisions and call <see cref="Reanchor"/> for each highlight.
/// </summary>
public sealed class Reanchorer(IReadOnlyList<StoredBlock> oldBlocks, IReadOnlyList<StoredBlock> newBlocks)
{
    private readonly ArticleText _old = new(oldBlocks);
    private readonly ArticleText _new = new(newBlocks);

    /// <summary>What is known of a highlight: its old place (unless orphaned) and its quote.</summary>
    public readonly record struct Target(string StartAnchor, int StartOffset, string EndAnchor, int EndOffset,
        string Exact, string Prefix, string Suffix, bool IsOrphan)
    {
        public static Target From(Highlight h) =>
            new(h.StartAnchor, h.StartOffset, h.EndAnchor, h.EndOffset, h.Exact, h.Prefix, h.Suffix, h.IsOrphan);
    }

    public ReanchorOutcome Reanchor(Target target)
    {
        if (!target.IsOrphan
            && _old.ToOffset(target.StartAnchor, target.StartOffset) is { } oldStart
            && _old.ToOffset(target.EndAnchor, target.EndOffset) is { } oldEnd
            && _new.ToOffset(target.StartAnchor, target.StartOffset) is { } newStart
            && _new.ToOffset(target.EndAnchor, target.EndOffset) is { } newEnd
            && newEnd > newStart
            && _new.Slice(newStart, newEnd) == _old.Slice(oldStart, oldEnd))
        {
            return Found(AnchorMethod.Unchanged, newStart, newEnd);
        }

        return new ReanchorOutcome(AnchorMethod.Orphaned, null, target.Exact, target.Prefix, target.Suffix);
    }

    private ReanchorOutcome Found(AnchorMethod method, int start, int end) =>
        new(method, _new.ToRange(start, end), _new.Slice(start, end),
            _new.Prefix(start, HighlightRules.QuoteContextLength), _new.Suffix(end, HighlightRules.QuoteContextLength));
}
