using NewsReader.Articles;

namespace NewsReader.Anchoring;

/// <summary>
/// Which characters of an old revision's text survive in the new one, and where. Built in three
/// bounded passes: blocks with identical text are aligned first (a Myers diff over whole blocks),
/// then only the regions between aligned blocks are diffed by tokens (words, spaces, symbols),
/// and only the changed token runs that still look alike are diffed by characters.
/// </summary>
internal sealed class TextAlignment
{
    /// <summary>A rewritten region beyond this many token edits is left unaligned (step 3 searches it instead).</summary>
    public const int MaxTokenEdits = 1000;

    /// <summary>Changed tokens are diffed by character only when at most this many edits, and under half their characters, differ.</summary>
    public const int MaxCharEdits = 64;

    private const int MaxBlockEdits = 1000;

    private readonly int[] _oldStarts;
    private readonly int[] _newStarts;
    private readonly int[] _lengths;
    private readonly int[] _newBlockOfOld;
    private readonly int[] _matchedBefore;
    private readonly int[] _oldMatchedBefore;
    private readonly ArticleText _old;
    private readonly ArticleText _new;

    public TextAlignment(ArticleText oldText, ArticleText newText)
    {
        _old = oldText;
        _new = newText;
        _newBlockOfOld = new int[oldText.Blocks.Count];
        Array.Fill(_newBlockOfOld, -1);
        var runs = new List<EqualRun>();
        AlignBlocks(runs);
        runs = Merge(runs);
        _oldStarts = runs.Select(r => r.A).ToArray();
        _newStarts = runs.Select(r => r.B).ToArray();
        _lengths = runs.Select(r => r.Length).ToArray();

        _matchedBefore = MatchedBefore(newText.Text.Length, runs.Select(r => (r.B, r.Length)));
        _oldMatchedBefore = MatchedBefore(oldText.Text.Length, runs.Select(r => (r.A, r.Length)));
    }

    /// <summary>Prefix sums of aligned characters, so any range's count is one subtraction.</summary>
    private static int[] MatchedBefore(int length, IEnumerable<(int Start, int Length)> runs)
    {
        var matched = new bool[length];
        foreach (var (start, count) in runs)
        {
            Array.Fill(matched, true, start, count);
        }

        var before = new int[length + 1];
        for (var i = 0; i < length; i++)
        {
            before[i + 1] = before[i] + (matched[i] ? 1 : 0);
        }

        return before;
    }

    public IReadOnlyList<EqualRun> Runs => _oldStarts.Select((s, i) => new EqualRun(s, _newStarts[i], _lengths[i])).ToList();

    /// <summary>The new block an old block was aligned with as identical text, or null.</summary>
    public int? NewBlockOf(int oldBlock) => _newBlockOfOld[oldBlock] is var b and >= 0 ? b : null;

    /// <summary>How many characters of the new text in [start, end) survive from the old text.</summary>
    public int MatchedCount(int start, int end) => _matchedBefore[end] - _matchedBefore[start];

    /// <summary>How many characters of the old text in [start, end) survive into the new text.</summary>
    public int SurvivingCount(int start, int end) => _oldMatchedBefore[end] - _oldMatchedBefore[start];

    /// <summary>Where a highlight starting at old offset <paramref name="offset"/> starts in the new text.</summary>
    public int MapStart(int offset) => Map(offset, isStart: true);

    /// <summary>Where a highlight ending (exclusive) at old offset <paramref name="offset"/> ends in the new text.</summary>
    public int MapEnd(int offset) => Map(offset, isStart: false);

    /// <summary>
    /// A surviving character maps exactly. A boundary in a gap (old text deleted, new text
    /// inserted) maps proportionally across the gap, so a highlight whose edge word was replaced
    /// takes the replacement; a boundary at a pure insertion leaves the inserted text outside.
    /// </summary>
    private int Map(int offset, bool isStart)
    {
        var index = Array.BinarySearch(_oldStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        if (index >= 0 && offset > _oldStarts[index] && offset < _oldStarts[index] + _lengths[index])
        {
            return _newStarts[index] + offset - _oldStarts[index];
        }

        // The gap holding the boundary: after run `before`, up to run `after`.
        var before = index >= 0 && offset == _oldStarts[index] ? index - 1 : index;
        var after = before + 1;
        var oldFrom = before >= 0 ? _oldStarts[before] + _lengths[before] : 0;
        var newFrom = before >= 0 ? _newStarts[before] + _lengths[before] : 0;
        var oldTo = after < _oldStarts.Length ? _oldStarts[after] : _old.Text.Length;
        var newTo = after < _newStarts.Length ? _newStarts[after] : _new.Text.Length;
        if (oldTo == oldFrom)
        {
            return isStart ? newTo : newFrom;
        }

        var share = (double)(offset - oldFrom) / (oldTo - oldFrom);
        return newFrom + (int)Math.Round(share * (newTo - newFrom), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Only aligned runs at least this long show that text was already there: in a rewritten
    /// region the token diff also pairs common words ("the", "said") of unrelated sentences.
    /// </summary>
    public const int MinForeignRun = 20;

    /// <summary>
    /// The share of the visible characters in new [start, end) that survive, in aligned runs of
    /// at least <see cref="MinForeignRun"/> characters, from old text outside old
    /// [ownStart, ownEnd): text that was already in the article somewhere else.
    /// </summary>
    public double ForeignShare(int start, int end, int ownStart, int ownEnd)
    {
        var visible = 0;
        for (var i = start; i < end; i++)
        {
            if (!char.IsWhiteSpace(_new.Text[i]))
            {
                visible++;
            }
        }

        if (visible == 0)
        {
            return 0;
        }

        var foreign = 0;
        var index = Array.BinarySearch(_newStarts, start);
        index = index < 0 ? Math.Max(0, ~index - 1) : index;
        for (; index < _newStarts.Length && _newStarts[index] < end; index++)
        {
            if (_lengths[index] < MinForeignRun)
            {
                continue;
            }

            var from = Math.Max(start, _newStarts[index]);
            var to = Math.Min(end, _newStarts[index] + _lengths[index]);
            for (var i = from; i < to; i++)
            {
                var old = _oldStarts[index] + i - _newStarts[index];
                if ((old < ownStart || old >= ownEnd) && !char.IsWhiteSpace(_new.Text[i]))
                {
                    foreign++;
                }
            }
        }

        return (double)foreign / visible;
    }

    private void AlignBlocks(List<EqualRun> runs)
    {
        var (oldIds, newIds) = MyersDiff.Ids(_old.Blocks.Select(b => b.Text), _new.Blocks.Select(b => b.Text));
        var blockRuns = MyersDiff.Diff(oldIds, newIds, MaxBlockEdits) ?? [];
        int oldFrom = 0, newFrom = 0;
        foreach (var run in blockRuns)
        {
            var oldStart = _old.BlockStart(run.A);
            var newStart = _new.BlockStart(run.B);
            AlignRegion(oldFrom, oldStart, newFrom, newStart, runs);
            oldFrom = _old.BlockEnd(run.A + run.Length - 1);
            newFrom = _new.BlockEnd(run.B + run.Length - 1);
            runs.Add(new EqualRun(oldStart, newStart, oldFrom - oldStart));
            for (var i = 0; i < run.Length; i++)
            {
                _newBlockOfOld[run.A + i] = run.B + i;
            }
        }

        AlignRegion(oldFrom, _old.Text.Length, newFrom, _new.Text.Length, runs);
    }

    private void AlignRegion(int oldFrom, int oldTo, int newFrom, int newTo, List<EqualRun> runs)
    {
        if (oldFrom == oldTo || newFrom == newTo)
        {
            return;
        }

        var oldTokens = Tokenize(_old.Text, oldFrom, oldTo);
        var newTokens = Tokenize(_new.Text, newFrom, newTo);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var oldIds = TokenIds(ids, _old.Text, oldTokens);
        var newIds = TokenIds(ids, _new.Text, newTokens);
        if (MyersDiff.Diff(oldIds, newIds, MaxTokenEdits) is not { } tokenRuns)
        {
            return;
        }

        Slide(tokenRuns, oldIds, _old.Text, oldTokens, isInsertion: false);
        Slide(tokenRuns, newIds, _new.Text, newTokens, isInsertion: true);
        tokenRuns.RemoveAll(r => r.Length == 0);

        int oldToken = 0, newToken = 0;
        foreach (var run in tokenRuns)
        {
            AlignChars(oldTokens[oldToken], oldTokens[run.A], newTokens[newToken], newTokens[run.B], runs);
            var oldStart = oldTokens[run.A];
            runs.Add(new EqualRun(oldStart, newTokens[run.B], oldTokens[run.A + run.Length] - oldStart));
            oldToken = run.A + run.Length;
            newToken = run.B + run.Length;
        }

        AlignChars(oldTokens[oldToken], oldTokens[^1], newTokens[newToken], newTokens[^1], runs);
    }

    /// <summary>
    /// A pure insertion (or deletion) can often sit at several places with the same cost: a new
    /// paragraph "X.\n\n" after "A." aligns just as well as ".\n\nX" with A's full stop taken
    /// from X. Like diff-match-patch and git, slide each such block to where its edges fall on
    /// the best boundaries (a paragraph break, then whitespace, then punctuation), so highlight
    /// edges next to it keep their own characters.
    /// </summary>
    private static void Slide(List<EqualRun> runs, int[] ids, string text, int[] starts, bool isInsertion)
    {
        for (var i = 0; i + 1 < runs.Count; i++)
        {
            var (before, after) = (runs[i], runs[i + 1]);
            var (otherGap, gap) = isInsertion
                ? (after.A - before.A - before.Length, after.B - before.B - before.Length)
                : (after.B - before.B - before.Length, after.A - before.A - before.Length);
            if (otherGap != 0 || gap == 0)
            {
                continue;
            }

            // The block is ids[from, to) on its own side; shift it left as far as it goes, then
            // walk right through every equivalent position, keeping the best-scored one.
            int Side(EqualRun run) => isInsertion ? run.B : run.A;
            var from = Side(before) + before.Length;
            var to = Side(after);
            var leftmost = 0;
            while (before.Length + leftmost > 0 && ids[from - 1 + leftmost] == ids[to - 1 + leftmost])
            {
                leftmost--;
            }

            var (bestShift, bestScore) = (0, int.MinValue);
            for (var shift = leftmost; ; shift++)
            {
                var score = EdgeScore(text, starts, ids.Length, from + shift) + EdgeScore(text, starts, ids.Length, to + shift);
                if (score > bestScore || (score == bestScore && shift == 0))
                {
                    (bestShift, bestScore) = (shift, score);
                }

                if (after.Length - shift <= 0 || ids[from + shift] != ids[to + shift])
                {
                    break;
                }
            }

            runs[i] = before with { Length = before.Length + bestShift };
            runs[i + 1] = new EqualRun(after.A + bestShift, after.B + bestShift, after.Length - bestShift);
        }
    }

    /// <summary>
    /// How good a place token boundary <paramref name="index"/> is for an edit to start or end:
    /// editors add and cut whole paragraphs and sentences, so those edges win over word edges.
    /// </summary>
    private static int EdgeScore(string text, int[] starts, int count, int index)
    {
        if (index <= 0 || index >= count)
        {
            return 6;
        }

        var at = starts[index];
        var (left, right) = (text[at - 1], text[at]);
        if (left == '\n' || right == '\n')
        {
            return 5;
        }

        if ((char.IsWhiteSpace(right) && EndsSentence(text, at)) || (char.IsWhiteSpace(left) && EndsSentence(text, at - 1)))
        {
            return 4;
        }

        if (char.IsWhiteSpace(left) || char.IsWhiteSpace(right))
        {
            return 2;
        }

        return char.IsLetterOrDigit(left) && char.IsLetterOrDigit(right) ? 0 : 1;
    }

    /// <summary>Whether the text just before <paramref name="end"/> closes a sentence (a full stop, maybe inside a quote).</summary>
    private static bool EndsSentence(string text, int end)
    {
        var i = end - 1;
        while (i > 0 && text[i] is '"' or '\'' or '”' or '’' or ')' or '»')
        {
            i--;
        }

        return i >= 0 && text[i] is '.' or '!' or '?' or '…';
    }

    /// <summary>
    /// Character diff of a changed token run, only when the two sides are mostly the same
    /// characters (a typo, a changed ending): otherwise common letters of different words would
    /// align by chance and pull highlight edges into unrelated text.
    /// </summary>
    private void AlignChars(int oldFrom, int oldTo, int newFrom, int newTo, List<EqualRun> runs)
    {
        int oldLength = oldTo - oldFrom, newLength = newTo - newFrom;
        if (oldLength == 0 || newLength == 0)
        {
            return;
        }

        var maxEdits = Math.Min(MaxCharEdits, (oldLength + newLength) / 2);
        if (Math.Abs(oldLength - newLength) > maxEdits)
        {
            return;
        }

        var oldChars = new int[oldLength];
        var newChars = new int[newLength];
        for (var i = 0; i < oldLength; i++)
        {
            oldChars[i] = _old.Text[oldFrom + i];
        }

        for (var i = 0; i < newLength; i++)
        {
            newChars[i] = _new.Text[newFrom + i];
        }

        foreach (var run in MyersDiff.Diff(oldChars, newChars, maxEdits) ?? [])
        {
            runs.Add(new EqualRun(oldFrom + run.A, newFrom + run.B, run.Length));
        }
    }

    /// <summary>Token start offsets in [from, to), followed by <paramref name="to"/>: words, whitespace runs, single symbols.</summary>
    private static int[] Tokenize(string text, int from, int to)
    {
        var starts = new List<int>();
        for (var i = from; i < to;)
        {
            starts.Add(i);
            var kind = Kind(text, i);
            var length = char.IsSurrogatePair(text, i) && i + 1 < to ? 2 : 1;
            i += length;
            if (kind == TokenKind.Symbol)
            {
                continue;
            }

            while (i < to && Kind(text, i) == kind)
            {
                i += char.IsSurrogatePair(text, i) && i + 1 < to ? 2 : 1;
            }
        }

        starts.Add(to);
        return starts.ToArray();
    }

    private enum TokenKind
    {
        Word,
        Space,
        Symbol,
    }

    private static TokenKind Kind(string text, int i)
    {
        var c = text[i];
        if (char.IsWhiteSpace(c))
        {
            return TokenKind.Space;
        }

        if (char.IsLetterOrDigit(c))
        {
            return TokenKind.Word;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark ? TokenKind.Word : TokenKind.Symbol;
    }

    private static int[] TokenIds(Dictionary<string, int> ids, string text, int[] starts)
    {
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = new int[starts.Length - 1];
        for (var i = 0; i < result.Length; i++)
        {
            var token = text.AsSpan(starts[i], starts[i + 1] - starts[i]);
            if (!lookup.TryGetValue(token, out var id))
            {
                id = ids.Count;
                lookup.TryAdd(token, id);
            }

            result[i] = id;
        }

        return result;
    }

    private static List<EqualRun> Merge(List<EqualRun> runs)
    {
        runs.Sort((x, y) => x.A.CompareTo(y.A));
        var merged = new List<EqualRun>(runs.Count);
        foreach (var run in runs)
        {
            if (run.Length == 0)
            {
                continue;
            }

            if (merged.Count > 0 && merged[^1] is var last && last.A + last.Length == run.A && last.B + last.Length == run.B)
            {
                merged[^1] = last with { Length = last.Length + run.Length };
            }
            else
            {
                merged.Add(run);
            }
        }

        return merged;
    }
}
