using NewsReader.Articles;
using NewsReader.Articles.Parsing;

using static NewsReader.Anchoring.AnchorThresholds;

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

/// <summary>Where a highlight goes in the new revision (its range, quote and context), or, without a range, that it is detached.</summary>
public sealed record ReanchorOutcome(AnchorMethod Method, TextRange? Range, string Exact, string Prefix, string Suffix);

/// <summary>
/// Re-anchors highlights made on one revision of an article onto the next (see README.md).
/// Build one per pair of revisions and call <see cref="Reanchor"/> for each highlight: the
/// alignment of the two texts and the search index of the new one are built once.
/// </summary>
public sealed class Reanchorer
{
    /// <summary>How much old text around a highlight step 3 may match exactly, to recognise a moved block.</summary>
    private const int SearchContextLength = 256;

    /// <summary>How much old text either side of a highlight step 2 checks for survival.</summary>
    private const int NeighbourhoodLength = 64;

    /// <summary>A new block with at most this share of surviving characters counts as inserted.</summary>
    private const double InsertedBlockShare = 0.2;

    private readonly ArticleText _old;
    private readonly ArticleText _new;
    private readonly TextAlignment _alignment;
    private readonly Dictionary<string, int> _oldBlockCounts;
    private readonly Dictionary<string, int> _newBlockCounts;
    private readonly Lazy<QuoteSearch> _newSearch;
    private readonly Lazy<QuoteSearch> _oldSearch;

    public Reanchorer(IReadOnlyList<ArticleBlock> oldBlocks, IReadOnlyList<ArticleBlock> newBlocks)
    {
        _old = new ArticleText(oldBlocks);
        _new = new ArticleText(newBlocks);
        _alignment = new TextAlignment(_old, _new);
        _oldBlockCounts = CountTexts(oldBlocks);
        _newBlockCounts = CountTexts(newBlocks);
        _newSearch = new Lazy<QuoteSearch>(() => new QuoteSearch(_new));
        _oldSearch = new Lazy<QuoteSearch>(() => new QuoteSearch(_old));
    }

    public ArticleText OldText => _old;

    public ArticleText NewText => _new;

    /// <summary>What is known of a highlight: its old place (unless orphaned) and its quote.</summary>
    public readonly record struct Target(string StartAnchor, int StartOffset, string EndAnchor, int EndOffset,
        string Exact, string Prefix, string Suffix, bool IsOrphan)
    {
        /// <summary>A highlight of [start, end) in <paramref name="text"/>, placed the way the highlights API places one.</summary>
        public static Target At(ArticleText text, int start, int end)
        {
            var range = text.ToRange(start, end);
            var (s, e) = (text.Offset(range.Start), text.Offset(range.End));
            return new Target(range.Start.Anchor, range.Start.Offset, range.End.Anchor, range.End.Offset, text.Slice(s, e),
                text.Prefix(s, ArticleText.QuoteContextLength), text.Suffix(e, ArticleText.QuoteContextLength), IsOrphan: false);
        }
    }

    public ReanchorOutcome Reanchor(Target target)
    {
        if (target.Exact.Length == 0)
        {
            return Orphan(target);
        }

        if (target.IsOrphan)
        {
            // An orphan's anchors are stale: only its quote is known, and only new text may claim it.
            return Search(target, own: null, distrusted: null) ?? Orphan(target);
        }

        var fromAnchors = AnchoredSpan(target);
        var own = fromAnchors ?? SearchOld(target);
        if (own is not { } span)
        {
            return Search(target, own: null, distrusted: null) ?? Orphan(target);
        }

        return (fromAnchors is not null ? Unchanged(target) : null)
            ?? Mapped(target, span, out var distrusted)
            ?? Search(target, span, distrusted)
            ?? Orphan(target);
    }

    /// <summary>Step 1: the highlight's start and end blocks are the same blocks, with the same text.</summary>
    private ReanchorOutcome? Unchanged(Target target)
    {
        if (_old.BlockIndex(target.StartAnchor) is not { } oldStartBlock || _old.BlockIndex(target.EndAnchor) is not { } oldEndBlock
            || _new.BlockIndex(target.StartAnchor) is not { } newStartBlock || _new.BlockIndex(target.EndAnchor) is not { } newEndBlock
            || !SameBlock(oldStartBlock, newStartBlock) || !SameBlock(oldEndBlock, newEndBlock))
        {
            return null;
        }

        var start = _new.BlockStart(newStartBlock) + target.StartOffset;
        var end = _new.BlockStart(newEndBlock) + target.EndOffset;
        return end > start && _new.Text.AsSpan(start, end - start).SequenceEqual(target.Exact)
            ? Found(AnchorMethod.Unchanged, start, end)
            : null;
    }

    /// <summary>
    /// Same anchor and same text is the same block when the diff paired them, or when the text is
    /// unique in both revisions (a moved paragraph). Repeated text (anchors with -2, -3) shifts
    /// anchors when one copy is deleted, so there only the diff's pairing counts.
    /// </summary>
    private bool SameBlock(int oldBlock, int newBlock)
    {
        var text = _old.Blocks[oldBlock].Text;
        return string.Equals(text, _new.Blocks[newBlock].Text, StringComparison.Ordinal)
            && (_alignment.NewBlockOf(oldBlock) == newBlock || (_oldBlockCounts[text] == 1 && _newBlockCounts[text] == 1));
    }

    /// <summary>
    /// Step 2: map the old offsets through the diff and check the text there is still the quote
    /// (folded), or within <see cref="MaxEditRatio"/> of it. Unless the match is part of a long
    /// exact extent of old text, its neighbourhood must have survived and the context must agree:
    /// the diff may pair a lone short word, or a paragraph's closing "said Ada Lindqvist.", with
    /// the same words in text rewritten around them. Such a place is returned as
    /// <paramref name="distrusted"/> so the search does not take it either.
    /// </summary>
    private ReanchorOutcome? Mapped(Target target, (int Start, int End) span, out (int Start, int End)? distrusted)
    {
        distrusted = null;
        var (start, end) = Trim(_alignment.MapStart(span.Start), _alignment.MapEnd(span.End));
        if (end <= start)
        {
            return null;
        }

        (start, end) = (SnapStart(span.Start, start), SnapEnd(span.End, end));
        var quote = NormalizedText.Fold(target.Exact);
        if (quote.Length == 0)
        {
            return null;
        }

        var here = NormalizedText.Fold(WithoutInsertedBlocks(start, end));
        var maxEdits = (int)Math.Round(quote.Length * MaxEditRatio, MidpointRounding.AwayFromZero);
        var distance = string.Equals(quote, here, StringComparison.Ordinal) ? 0 : EditDistance.Bounded(quote, here, maxEdits);
        if (distance > maxEdits)
        {
            return null;
        }

        var extent = quote.Length
            + TextUnits.MatchingBefore(_new.Text, start, _old.Text, span.Start, SearchContextLength)
            + TextUnits.MatchingAfter(_new.Text, end, _old.Text, span.End, SearchContextLength);
        if (distance == 0 && extent >= LongQuote)
        {
            return Found(AnchorMethod.Mapped, start, end);
        }

        if (!NeighbourhoodSurvived(span))
        {
            distrusted = (start, end);
            return null;
        }

        // The diff vouching for every character of a medium quote leaves context only a chance
        // pairing to rule out ("said the minister." is everywhere), which agrees on nothing.
        var vouched = distance == 0 && quote.Length >= MediumQuote && AllAligned(start, end);
        var prefix = EditDistance.ContextSimilarity(NormalizedText.Fold(target.Prefix),
            NormalizedText.Fold(_new.Prefix(start, ArticleText.QuoteContextLength)));
        var suffix = EditDistance.ContextSimilarity(NormalizedText.Fold(target.Suffix),
            NormalizedText.Fold(_new.Suffix(end, ArticleText.QuoteContextLength)));
        return Math.Max(prefix, suffix) >= (vouched ? AlignedContext : MappedContext) ? Found(AnchorMethod.Mapped, start, end) : null;
    }

    /// <summary>
    /// At least half of the old text within <see cref="NeighbourhoodLength"/> characters either
    /// side of the highlight (in its blocks) survived: it was edited around, not rewritten.
    /// </summary>
    private bool NeighbourhoodSurvived((int Start, int End) span)
    {
        var before = Math.Max(_old.BlockStart(_old.ToPoint(span.Start, preferNext: true).Block), span.Start - NeighbourhoodLength);
        var after = Math.Min(_old.BlockEnd(_old.ToPoint(span.End, preferNext: false).Block), span.End + NeighbourhoodLength);
        var total = (span.Start - before) + (after - span.End);
        var survived = _alignment.SurvivingCount(before, span.Start) + _alignment.SurvivingCount(span.End, after);
        return total == 0 || survived * 2 >= total;
    }

    /// <summary>
    /// Every visible character of new [start, end) was aligned with an old one. The alignment is
    /// monotone, so between the mapped ends those can only be the highlight's own characters.
    /// </summary>
    private bool AllAligned(int start, int end)
    {
        var whitespace = 0;
        for (var i = start; i < end; i++)
        {
            whitespace += char.IsWhiteSpace(_new.Text[i]) ? 1 : 0;
        }

        return _alignment.MatchedCount(start, end) >= end - start - whitespace;
    }

    /// <summary>
    /// The new text of [start, end) without whole blocks that were inserted inside it: a
    /// paragraph added in the middle of a cross-paragraph highlight is not an edit of its quote.
    /// </summary>
    private string WithoutInsertedBlocks(int start, int end)
    {
        var first = _new.ToPoint(start, preferNext: true).Block;
        var last = _new.ToPoint(end, preferNext: false).Block;
        if (last - first < 2)
        {
            return _new.Slice(start, end);
        }

        var parts = new List<string>();
        for (var block = first; block <= last; block++)
        {
            var (from, to) = (Math.Max(start, _new.BlockStart(block)), Math.Min(end, _new.BlockEnd(block)));
            var inside = block != first && block != last;
            if (inside && _alignment.MatchedCount(from, to) <= InsertedBlockShare * (to - from))
            {
                continue;
            }

            parts.Add(_new.Slice(from, to));
        }

        return string.Join(StoredBlocks.Separator, parts);
    }

    /// <summary>
    /// Step 3: search the new text for the quote. Text that was already in the old revision
    /// somewhere other than this highlight is someone else's: it competes (so a lookalike still
    /// makes the quote ambiguous) but never wins.
    /// </summary>
    private ReanchorOutcome? Search(Target target, (int Start, int End)? own, (int Start, int End)? distrusted)
    {
        var expected = own is { } span ? _alignment.MapStart(span.Start) : (int?)null;
        var (ownStart, ownEnd) = own ?? (0, 0);
        // A placed highlight's context is the whole old text around it, not just the stored 32 characters.
        var (prefix, suffix) = own is not null
            ? (_old.Prefix(ownStart, SearchContextLength), _old.Suffix(ownEnd, SearchContextLength))
            : (target.Prefix, target.Suffix);
        var match = _newSearch.Value.Find(target.Exact, prefix, suffix, expected,
            (start, end) => _alignment.ForeignShare(start, end, ownStart, ownEnd) >= ForeignShare
                || (distrusted is { } place && start < place.End && place.Start < end),
            own is null ? null : (start, end) => MovedWithItsSentence((ownStart, ownEnd), (start, end)));
        return match is null ? null : Found(AnchorMethod.Fuzzy, match.Start, match.End);
    }

    /// <summary>
    /// The sentence (or sentences) the highlight was in reads, around the candidate, within
    /// <see cref="MaxEditRatio"/> of what it was on either side of the quote, and holds at least
    /// <see cref="MovedSentenceContext"/> characters besides the quote: the text moved with its
    /// sentence and was edited lightly, so its old neighbours' absence says nothing. A lookalike
    /// sentence written anew differs in more than a fifth of its characters.
    /// </summary>
    private bool MovedWithItsSentence((int Start, int End) own, (int Start, int End) candidate)
    {
        var (oldStart, oldEnd) = Sentence(_old, own.Start, own.End);
        if ((oldEnd - oldStart) - (own.End - own.Start) < MovedSentenceContext)
        {
            return false;
        }

        // The sentence's text before the quote and after it, each compared with its own: a word
        // that occurs twice in the sentence is found at the same one.
        var (newStart, newEnd) = Sentence(_new, candidate.Start, candidate.End);
        var oldBefore = NormalizedText.Fold(_old.Text.AsSpan(oldStart, own.Start - oldStart));
        var oldAfter = NormalizedText.Fold(_old.Text.AsSpan(own.End, oldEnd - own.End));
        var maxEdits = (int)((oldBefore.Length + oldAfter.Length) * MaxEditRatio);
        var edits = EditDistance.Bounded(oldBefore, NormalizedText.Fold(_new.Text.AsSpan(newStart, candidate.Start - newStart)), maxEdits);
        return edits <= maxEdits
            && edits + EditDistance.Bounded(oldAfter, NormalizedText.Fold(_new.Text.AsSpan(candidate.End, newEnd - candidate.End)), maxEdits - edits) <= maxEdits;
    }

    /// <summary>[start, end) widened to whole sentences (after ". ", "! ", "? ", with closing quotes), within its blocks.</summary>
    private static (int Start, int End) Sentence(ArticleText text, int start, int end)
    {
        var raw = text.Text;
        var blockStart = text.BlockStart(text.ToPoint(start, preferNext: true).Block);
        var blockEnd = text.BlockEnd(text.ToPoint(end, preferNext: false).Block);
        while (start > blockStart && !(raw[start - 1] == ' ' && EndsSentence(raw, start - 1, blockStart)))
        {
            start--;
        }

        while (end < blockEnd && !(raw[end] == ' ' && EndsSentence(raw, end, blockStart)))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>A sentence ends just before <paramref name="at"/>: a full stop, question or exclamation mark, perhaps inside closing quotes (not a comma inside them: “…,” said).</summary>
    private static bool EndsSentence(string raw, int at, int blockStart)
    {
        var i = at - 1;
        while (i > blockStart && raw[i] is '”' or '"' or '’' or '\'' or ')')
        {
            i--;
        }

        return i >= blockStart && raw[i] is '.' or '!' or '?';
    }

    /// <summary>The highlight's old offsets from its anchors, when they still hold its quote.</summary>
    private (int Start, int End)? AnchoredSpan(Target target)
    {
        if (_old.ToOffset(target.StartAnchor, target.StartOffset) is not { } start
            || _old.ToOffset(target.EndAnchor, target.EndOffset) is not { } end
            || end <= start
            || !_old.Text.AsSpan(start, end - start).SequenceEqual(target.Exact))
        {
            return null;
        }

        return (start, end);
    }

    /// <summary>Anchors that do not fit the old text (stale data): find the quote there instead.</summary>
    private (int Start, int End)? SearchOld(Target target) =>
        _oldSearch.Value.Find(target.Exact, target.Prefix, target.Suffix) is { } match ? (match.Start, match.End) : null;

    /// <summary>
    /// A highlight that started on a word (or character) boundary starts on one again: when the
    /// first word was edited ("teh" to "the", an emoji given a skin tone) the mapped start can
    /// land inside the new word, and the reader meant the whole of it.
    /// </summary>
    private int SnapStart(int oldStart, int start)
    {
        if (TextUnits.IsWordStart(_old.Text, oldStart))
        {
            while (start > 0 && TextUnits.IsWordChar(_new.Text[start - 1]) && TextUnits.IsWordChar(_new.Text[start]))
            {
                start--;
            }
        }

        return TextUnits.IsElementBoundary(_old, oldStart) ? TextUnits.ElementAround(_new, start).Start : start;
    }

    /// <summary>The same for the end: "instal" fixed to "install" at a highlight's end takes the whole word.</summary>
    private int SnapEnd(int oldEnd, int end)
    {
        var text = _new.Text;
        if (TextUnits.IsWordEnd(_old.Text, oldEnd))
        {
            while (end < text.Length && TextUnits.IsWordChar(text[end - 1]) && TextUnits.IsWordChar(text[end]))
            {
                end++;
            }
        }

        if (TextUnits.IsElementBoundary(_old, oldEnd) && TextUnits.ElementAround(_new, end) is var element && element.Start < end)
        {
            end = element.End;
        }

        return end;
    }

    /// <summary>
    /// Neither end inside a block separator (nor an end at the very start of a block, which
    /// would put the separator in the quote), nor between the halves of a surrogate pair.
    /// </summary>
    private (int Start, int End) Trim(int start, int end)
    {
        var text = _new.Text;
        if (start > 0 && start < text.Length && char.IsLowSurrogate(text[start]) && char.IsHighSurrogate(text[start - 1]))
        {
            start--;
        }

        if (end > 0 && end < text.Length && char.IsLowSurrogate(text[end]) && char.IsHighSurrogate(text[end - 1]))
        {
            end++;
        }

        if (end <= start)
        {
            return (start, end);
        }

        var range = _new.ToRange(start, end);
        return (_new.Offset(range.Start), _new.Offset(range.End));
    }

    /// <summary>The outcome at [start, end) of the new text, quote and context as they now read; null when nothing is left.</summary>
    private ReanchorOutcome? Found(AnchorMethod method, int start, int end)
    {
        (start, end) = Trim(start, end);
        return end <= start
            ? null
            : new ReanchorOutcome(method, _new.ToRange(start, end), _new.Slice(start, end),
                _new.Prefix(start, ArticleText.QuoteContextLength), _new.Suffix(end, ArticleText.QuoteContextLength));
    }

    private static ReanchorOutcome Orphan(Target target) =>
        new(AnchorMethod.Orphaned, null, target.Exact, target.Prefix, target.Suffix);

    private static Dictionary<string, int> CountTexts(IReadOnlyList<ArticleBlock> blocks)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            counts[block.Text] = counts.GetValueOrDefault(block.Text) + 1;
        }

        return counts;
    }
}
