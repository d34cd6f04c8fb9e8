using NewsReader.Articles;

using static NewsReader.Anchoring.AnchorThresholds;

namespace NewsReader.Anchoring;

/// <summary>A place found for a quote: raw offsets in the searched text, and why it won.</summary>
public sealed record QuoteMatch(int Start, int End, int Distance, double Score, double ContextSimilarity);

/// <summary>
/// Searches one article text for quotes (W3C TextQuoteSelector: exact, prefix, suffix): the
/// last step of re-anchoring before a highlight is orphaned. The normalised text and a 4-gram
/// index are built once per text; each search scores every candidate (exact and approximate)
/// and accepts the best only when it has enough evidence and no close rival (see README.md).
/// </summary>
public sealed class QuoteSearch
{
    private const int Q = 4;
    private const int BucketBits = 16;
    private const int MaxSeedOccurrences = 128;
    private const int MaxClusters = 16;
    private const int MaxCandidates = 2000;
    private const int MaxBoundaries = 8;

    private readonly NormalizedText _normalized;
    private readonly int[] _bucketStarts;
    private readonly int[] _positions;

    /// <summary>
    /// Normalises the text and indexes every 4-gram by hash bucket (a counting sort: linear,
    /// no comparisons), so each search looks seeds up instead of scanning the article.
    /// </summary>
    public QuoteSearch(ArticleText text)
    {
        Text = text;
        _normalized = NormalizedText.From(text.Text);
        var normalized = _normalized.Text;
        var count = Math.Max(0, normalized.Length - Q + 1);
        var buckets = new int[count];
        _bucketStarts = new int[(1 << BucketBits) + 1];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = Bucket(Key(normalized, i));
            _bucketStarts[buckets[i] + 1]++;
        }

        for (var b = 1; b < _bucketStarts.Length; b++)
        {
            _bucketStarts[b] += _bucketStarts[b - 1];
        }

        _positions = new int[count];
        var next = _bucketStarts[..^1];
        for (var i = 0; i < count; i++)
        {
            _positions[next[buckets[i]]++] = i;
        }
    }

    public ArticleText Text { get; }

    /// <summary>
    /// The place of <paramref name="exact"/> in the text, or null when it is not found with confidence.
    /// <paramref name="expectedStart"/> (a raw offset) favours nearby candidates a little;
    /// <paramref name="isForeign"/> marks candidates (raw start, end) that may compete but never win;
    /// <paramref name="movedWithItsSentence"/> vouches for one whose context is not enough.
    /// </summary>
    public QuoteMatch? Find(string exact, string prefix, string suffix, int? expectedStart = null, Func<int, int, bool>? isForeign = null,
        Func<int, int, bool>? movedWithItsSentence = null)
    {
        var candidates = Candidates(exact, prefix, suffix, expectedStart);
        if (candidates.Count == 0)
        {
            return null;
        }

        var best = candidates.MaxBy(c => c.Score)!;
        // Context that did not come along (a moved sentence has new neighbours) is made up for by
        // the sentence around the quote having come along, lightly edited at most.
        if (isForeign?.Invoke(best.Start, best.End) == true
            || (best.Context < RequiredContext(best) && movedWithItsSentence?.Invoke(best.Start, best.End) != true))
        {
            return null;
        }

        var rival = candidates.Where(c => c.End <= best.Start || c.Start >= best.End).MaxBy(c => c.Score);
        if (rival is not null && best.Score - rival.Score < Margin)
        {
            return null;
        }

        return new QuoteMatch(best.Start, best.End, best.Distance, best.Score, best.Context);
    }

    /// <summary>
    /// A candidate place: raw offsets (trimmed of separators), edits from the quote, its scores,
    /// and for exact matches the extent: quote length plus the characters on either side that
    /// still match the known context exactly.
    /// </summary>
    public sealed record Candidate(int Start, int End, int Distance, int QuoteLength, double Quote, double? Prefix, double? Suffix,
        double Position, int Extent, int ShorterExactSide = 0)
    {
        /// <summary>Mean similarity of the known sides of the context (an empty prefix or suffix is unknown).</summary>
        public double Context => (Prefix, Suffix) switch
        {
            ({ } p, { } s) => (p + s) / 2,
            ({ } p, null) => p,
            (null, { } s) => s,
            _ => 0,
        };

        public bool HasContext => Prefix is not null || Suffix is not null;

        public double Score => Quote + (ContextWeight * Context) + (ExtentWeight * ExtraContext) + (PositionWeight * Position);

        /// <summary>Exact context beyond the quote, 0 to 1.</summary>
        public double ExtraContext => Distance == 0 ? Math.Min(1, (double)(Extent - QuoteLength) / LongQuote) : 0;
    }

    /// <summary>
    /// Every place the quote could be: exact matches, and approximate ones within <see cref="MaxErrorRatio"/>.
    /// The prefix and suffix may be longer than <see cref="ArticleText.QuoteContextLength"/>
    /// (the re-anchorer knows the whole old text): similarity is measured on the nearest 32
    /// characters, the exact extent on all of it.
    /// </summary>
    public IReadOnlyList<Candidate> Candidates(string exact, string prefix, string suffix, int? expectedStart = null)
    {
        var quote = NormalizedText.Fold(exact);
        if (quote.Length == 0)
        {
            return [];
        }

        var maxErrors = (int)(quote.Length * MaxErrorRatio);
        var found = new List<(int Start, int End, int Distance)>();
        var text = _normalized.Text;
        for (var at = text.IndexOf(quote, StringComparison.Ordinal); at >= 0; at = text.IndexOf(quote, at + 1, StringComparison.Ordinal))
        {
            if (found.Count == MaxCandidates)
            {
                // So common that no context could single one out reliably.
                return [];
            }

            found.Add((at, at + quote.Length, 0));
        }

        if (maxErrors > 0 && quote.Length >= Q)
        {
            Approximate(quote, maxErrors, found);
        }

        const int ContextLength = ArticleText.QuoteContextLength;
        var prefixGrams = new ContextGrams(NormalizedText.Fold(prefix.AsSpan(Math.Max(0, prefix.Length - ContextLength))));
        var suffixGrams = new ContextGrams(NormalizedText.Fold(suffix.AsSpan(0, Math.Min(suffix.Length, ContextLength))));
        var candidates = new List<Candidate>(found.Count);
        foreach (var (start, end, foundDistance) in found)
        {
            var distance = foundDistance;
            var (s, e) = (start, end);
            while (s < e && text[s] == ' ')
            {
                s++;
            }

            while (e > s && text[e - 1] == ' ')
            {
                e--;
            }

            if (e == s)
            {
                continue;
            }

            var range = Text.ToRange(_normalized.RawStart(s), _normalized.RawEnd(e - 1));
            var (rawStart, rawEnd) = (Text.Offset(range.Start), Text.Offset(range.End));
            if (rawEnd <= rawStart)
            {
                continue;
            }

            // A quote of whole words is placed on whole words: ends inside a word are moved to
            // the nearer side that keeps the quote closest, and a place whose ends cannot be
            // put on word boundaries within the allowed edits is not a place for it.
            if (WholeWords(exact, prefix, suffix) is var (wordStart, wordEnd) && (wordStart || wordEnd))
            {
                if (SnapToWords(quote, prefix, suffix, rawStart, rawEnd, distance, wordStart, wordEnd, maxErrors) is not { } snapped)
                {
                    continue;
                }

                (rawStart, rawEnd, distance) = snapped;
                (s, e) = (_normalized.NormalizedAt(rawStart), _normalized.NormalizedAt(rawEnd));
            }

            // Context not given is unknown, not contrary: W3C selectors may omit prefix and suffix.
            // The candidate's context is read from the normalised text, already folded.
            double? prefixSimilarity = prefix.Length == 0 ? null
                : prefixGrams.Similarity(text.AsSpan(Math.Max(0, s - ContextLength), Math.Min(s, ContextLength)).Trim(' '));
            double? suffixSimilarity = suffix.Length == 0 ? null
                : suffixGrams.Similarity(text.AsSpan(e, Math.Min(text.Length - e, ContextLength)).Trim(' '));
            var position = expectedStart is { } expected
                ? Math.Max(0, 1 - (Math.Abs(rawStart - expected) / Math.Max(200.0, Text.Text.Length / 4.0)))
                : 0;
            var (exactBefore, exactAfter) = distance == 0
                ? (TextUnits.MatchingBefore(Text.Text, rawStart, prefix, prefix.Length, prefix.Length),
                   TextUnits.MatchingAfter(Text.Text, rawEnd, suffix, 0, suffix.Length))
                : (0, 0);
            var extent = distance == 0 ? quote.Length + exactBefore + exactAfter : 0;
            // A side whose context is not known cannot disagree: it counts as matched.
            var shorterSide = Math.Min(prefix.Length == 0 ? int.MaxValue : exactBefore, suffix.Length == 0 ? int.MaxValue : exactAfter);
            candidates.Add(new Candidate(rawStart, rawEnd, distance, quote.Length, 1 - ((double)distance / quote.Length),
                prefixSimilarity, suffixSimilarity, position, extent, shorterSide));
        }

        return candidates;
    }

    /// <summary>Whether the quote began at the start of a word and ended at the end of one (from its own first and last characters and its context).</summary>
    private static (bool Start, bool End) WholeWords(string exact, string prefix, string suffix) =>
        (TextUnits.IsWordChar(exact[0]) && (prefix.Length == 0 || !TextUnits.IsWordChar(prefix[^1])),
         TextUnits.IsWordChar(exact[^1]) && (suffix.Length == 0 || !TextUnits.IsWordChar(suffix[0])));

    /// <summary>
    /// [start, end) with each end that must sit on a word boundary put on one: every word
    /// boundary within the allowed edits of it is tried, and the pair that keeps the quote and
    /// its known context (the nearest 32 characters either side) closest wins, the shorter on a
    /// tie. The context is what tells "…container terminal[ by volume]" from "…container
    /// terminal by volume": the reader did not highlight the words that used to follow the
    /// quote. Null when no pair keeps the quote within <paramref name="maxErrors"/>.
    /// </summary>
    private (int Start, int End, int Distance)? SnapToWords(string quote, string prefix, string suffix, int start, int end, int distance,
        bool wordStart, bool wordEnd, int maxErrors)
    {
        var text = Text.Text;
        // An exact match on word boundaries is where it is; an approximate one's ends are only where the edit distance put them.
        var explore = distance > 0;
        // Two places within maxErrors edits of the quote can have ends up to twice that apart.
        var starts = wordStart && (explore || !TextUnits.IsWordStart(text, start)) ? Boundaries(text, start, 2 * maxErrors, TextUnits.IsWordStart) : [start];
        var ends = wordEnd && (explore || !TextUnits.IsWordEnd(text, end)) ? Boundaries(text, end, 2 * maxErrors, TextUnits.IsWordEnd) : [end];
        if (starts.Count == 1 && ends.Count == 1 && starts[0] == start && ends[0] == end)
        {
            return (start, end, distance);
        }

        var quoteWords = Words(quote);
        const int ContextLength = ArticleText.QuoteContextLength;
        var before = NormalizedText.Fold(prefix.AsSpan(Math.Max(0, prefix.Length - ContextLength)));
        var after = NormalizedText.Fold(suffix.AsSpan(0, Math.Min(suffix.Length, ContextLength)));
        (int Start, int End, int Distance, int Cost)? best = null;
        foreach (var s in starts)
        {
            // Where the context's far end falls in the new text is free: only how well it reads up to the place counts.
            var prefixCost = before.Length == 0 ? 0
                : EditDistance.ToSuffixOf(before, NormalizedText.Fold(text.AsSpan(Math.Max(0, s - (2 * ContextLength)), Math.Min(s, 2 * ContextLength))));
            foreach (var e in ends)
            {
                // An edge word the quote does not have is a word the reader never highlighted.
                if (e <= s || (wordStart && !IsQuoteWord(quoteWords, FirstWord(text, s)))
                    || (wordEnd && !IsQuoteWord(quoteWords, LastWord(text, e))))
                {
                    continue;
                }

                var bound = best is { } so ? Math.Min(maxErrors, so.Cost - prefixCost) : maxErrors;
                var edits = bound < 0 ? bound + 1 : EditDistance.Bounded(quote, NormalizedText.Fold(text.AsSpan(s, e - s)), bound);
                if (edits > bound)
                {
                    continue;                                   // too far from the quote, or already worse than the best
                }

                var suffixCost = after.Length == 0 ? 0
                    : EditDistance.ToPrefixOf(after, NormalizedText.Fold(text.AsSpan(e, Math.Min(text.Length - e, 2 * ContextLength))));
                var cost = edits + prefixCost + suffixCost;
                if (best is null || cost < best.Value.Cost || (cost == best.Value.Cost && e - s < best.Value.End - best.Value.Start))
                {
                    best = (s, e, edits, cost);
                }
            }
        }

        return best is { } b ? (b.Start, b.End, b.Distance) : null;
    }

    /// <summary>The folded quote's words.</summary>
    private static List<string> Words(string folded)
    {
        var words = new List<string>();
        for (var i = 0; i < folded.Length;)
        {
            var end = i;
            while (end < folded.Length && TextUnits.IsWordChar(folded[end]))
            {
                end++;
            }

            if (end > i)
            {
                words.Add(folded[i..end]);
            }

            i = end + 1;
        }

        return words;
    }

    private static string FirstWord(string text, int start)
    {
        var end = start;
        while (end < text.Length && TextUnits.IsWordChar(text[end]))
        {
            end++;
        }

        return NormalizedText.Fold(text.AsSpan(start, end - start));
    }

    private static string LastWord(string text, int end)
    {
        var start = end;
        while (start > 0 && TextUnits.IsWordChar(text[start - 1]))
        {
            start--;
        }

        return NormalizedText.Fold(text.AsSpan(start, end - start));
    }

    /// <summary>The word is one of the quote's, or that word with a typo fixed (a quarter of its letters).</summary>
    private static bool IsQuoteWord(List<string> quoteWords, string word) =>
        quoteWords.Exists(q => q == word || EditDistance.Bounded(q, word, Math.Max(q.Length, word.Length) / 4) <= Math.Max(q.Length, word.Length) / 4);

    /// <summary>Offsets within <paramref name="reach"/> characters of <paramref name="offset"/>, in its line, where <paramref name="isBoundary"/> holds.</summary>
    private static List<int> Boundaries(string text, int offset, int reach, Func<string, int, bool> isBoundary)
    {
        var from = offset;
        while (from > 0 && offset - from <= reach && text[from - 1] != '\n')
        {
            from--;
        }

        var to = offset;
        while (to < text.Length && to - offset <= reach && text[to] != '\n')
        {
            to++;
        }

        var found = new List<int>();
        for (var i = from; i <= to; i++)
        {
            if (isBoundary(text, i))
            {
                found.Add(i);
            }
        }

        // The nearest few: a long quote's reach covers dozens of words, and each pair costs an edit distance.
        return found.Count <= MaxBoundaries ? found : [.. found.OrderBy(i => Math.Abs(i - offset)).Take(MaxBoundaries)];
    }

    /// <summary>
    /// The context a candidate needs: none for a long exact quote (a moved sentence keeps its
    /// words, not its neighbours), more the shorter or less exact the quote, because short and
    /// approximate quotes match lookalikes by chance. With no context known at all, only what
    /// the quote alone can carry: a unique exact quote of medium length, or a long approximate one.
    /// </summary>
    public static double RequiredContext(Candidate candidate)
    {
        if (!candidate.HasContext)
        {
            var enough = candidate.Distance == 0 ? candidate.QuoteLength >= MediumQuote : candidate.QuoteLength >= LongQuote;
            return enough ? 0 : double.PositiveInfinity;
        }

        return candidate.Distance == 0
            ? candidate.Extent switch
            {
                >= LongQuote => 0,
                // A short quote is medium only with exact context on both sides: a few shared
                // words on one ("…,” said Ada Lindqvist.") are boilerplate, not evidence.
                >= MediumQuote when candidate.QuoteLength >= MediumQuote || candidate.ShorterExactSide >= ShortQuoteExactSide => MediumQuoteContext,
                _ => StrongContext,
            }
            : candidate.QuoteLength >= MediumQuote ? StrongContext : ShortApproximateContext;
    }

    /// <summary>
    /// Approximate matches: 4-grams of the quote vote for diagonals (text position − quote
    /// position) in bands of 2k+1, k the edits allowed. A band pair is verified by edit distance
    /// only with enough votes: the q-gram lemma's bound (each edit kills at most 4 seeds) and a
    /// third of the seeds used, which real edits (a typo, a changed word) leave and chance does not.
    /// </summary>
    private void Approximate(string quote, int maxErrors, List<(int Start, int End, int Distance)> found)
    {
        var text = _normalized.Text;
        var band = (2 * maxErrors) + 1;
        var votes = new Dictionary<int, int>();
        var occurrences = new List<int>();
        var used = 0;
        for (var i = 0; i + Q <= quote.Length; i++)
        {
            occurrences.Clear();
            var key = Key(quote, i);
            var bucket = Bucket(key);
            for (var p = _bucketStarts[bucket]; p < _bucketStarts[bucket + 1] && occurrences.Count <= MaxSeedOccurrences; p++)
            {
                if (Key(text, _positions[p]) == key)
                {
                    occurrences.Add(_positions[p]);
                }
            }

            // A 4-gram as common as "the " seeds everywhere and tells nothing.
            if (occurrences.Count == 0 || occurrences.Count > MaxSeedOccurrences)
            {
                continue;
            }

            used++;
            foreach (var p in occurrences)
            {
                var diagonal = Math.DivRem(p - i + quote.Length, band, out var remainder) - (remainder < 0 ? 1 : 0);
                votes[diagonal] = votes.GetValueOrDefault(diagonal) + 1;
            }
        }

        var minVotes = Math.Max(Math.Max(1, used - (maxErrors * Q)), (used + 2) / 3);
        var bands = votes.Keys
            .Select(b => (Band: b, Votes: votes[b] + votes.GetValueOrDefault(b + 1)))
            .Where(b => b.Votes >= minVotes)
            .OrderByDescending(b => b.Votes)
            .Take(MaxClusters);
        foreach (var (b, _) in bands)
        {
            var low = (b * band) - quote.Length;
            var windowStart = Math.Max(0, low - maxErrors);
            var windowEnd = Math.Min(text.Length, low + (2 * band) + quote.Length + maxErrors);
            if (windowEnd <= windowStart
                || found.Exists(f => f.Distance == 0 && f.Start >= windowStart && f.End <= windowEnd)
                || EditDistance.BestSubstring(quote, text.AsSpan(windowStart, windowEnd - windowStart), maxErrors) is not { } match
                || match.End <= match.Start)
            {
                continue;
            }

            var (start, end) = (windowStart + match.Start, windowStart + match.End);
            var overlapping = found.FindIndex(f => f.Start < end && start < f.End);
            if (overlapping < 0)
            {
                found.Add((start, end, match.Distance));
            }
            else if (found[overlapping].Distance > match.Distance)
            {
                found[overlapping] = (start, end, match.Distance);
            }
        }
    }

    private static int Bucket(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> (64 - BucketBits));

    private static ulong Key(string s, int i) =>
        ((ulong)s[i] << 48) | ((ulong)s[i + 1] << 32) | ((ulong)s[i + 2] << 16) | s[i + 3];
}
