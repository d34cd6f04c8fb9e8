using NewsReader.Articles;

namespace NewsReader.Annotations;

/// <summary>
/// The one answer to "is this highlight placed on the article's current text?", for the notes
/// panel, the exports and My notes alike. Placed: not marked an orphan, on the current revision
/// (re-anchoring moves every highlight to a new revision, or marks it), and, where the text is at
/// hand, its anchors in that revision with its stored quote exactly between them. Anything else is
/// detached: listed with its note, never drawn on other text.
/// </summary>
public static class HighlightPlacement
{
    /// <summary>What the database alone can tell (My notes lists without loading article texts).</summary>
    public static bool IsDetached(bool isOrphan, int revisionId, int currentRevisionId) =>
        isOrphan || revisionId != currentRevisionId;

    /// <summary>Where the highlight is in the current text (offsets in its plain text), or null when it is detached.</summary>
    public static (int Start, int End)? Locate(bool isOrphan, int revisionId, int currentRevisionId, ArticleText text,
        string startAnchor, int startOffset, string endAnchor, int endOffset, string exact)
    {
        if (IsDetached(isOrphan, revisionId, currentRevisionId)
            || text.ToOffset(startAnchor, startOffset) is not { } start
            || text.ToOffset(endAnchor, endOffset) is not { } end
            || end <= start
            || !text.Text.AsSpan(start, end - start).SequenceEqual(exact))
        {
            return null;
        }

        return (start, end);
    }
}
