namespace NewsReader.Anchoring;

/// <summary>The string measures re-anchoring decides with; all bounded so a bad case stays cheap.</summary>
public static class EditDistance
{
    /// <summary>
    /// Levenshtein distance (insert, delete, substitute: 1 each), or <paramref name="max"/> + 1
    /// as soon as it is known to exceed <paramref name="max"/>. Only the diagonal band of width
    /// 2·max+1 is computed: O(length · max).
    /// </summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Max(a.Length, b.Length);
        }

        var big = max + 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j <= max ? j : big;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var low = Math.Max(1, i - max);
            var high = Math.Min(b.Length, i + max);
            current[low - 1] = low == 1 && i <= max ? i : big;
            var rowMin = current[low - 1];
            for (var j = low; j <= high; j++)
            {
                var value = Math.Min(previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), Math.Min(previous[j], current[j - 1]) + 1);
                current[j] = Math.Min(value, big);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (high < b.Length)
            {
                current[high + 1] = big;
            }

            if (rowMin > max)
            {
                return big;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], big);
    }

    /// <summary>
    /// The fewest edits that turn <paramref name="pattern"/> into some prefix of
    /// <paramref name="text"/> (where the text stops mattering is free): how well a quote's
    /// suffix reads on from a place. O(pattern · text); both are context-sized.
    /// </summary>
    public static int ToPrefixOf(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var row = new int[text.Length + 1];
        for (var j = 0; j <= text.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= pattern.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= text.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(above + 1, row[j - 1] + 1), diagonal + (pattern[i - 1] == text[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row.Min();
    }

    /// <summary>The same from the other end: <paramref name="pattern"/> into some suffix of <paramref name="text"/>.</summary>
    public static int ToSuffixOf(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        Span<char> reversedPattern = pattern.Length <= 256 ? stackalloc char[pattern.Length] : new char[pattern.Length];
        Span<char> reversedText = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        pattern.CopyTo(reversedPattern);
        text.CopyTo(reversedText);
        reversedPattern.Reverse();
        reversedText.Reverse();
        return ToPrefixOf(reversedPattern, reversedText);
    }

    /// <summary>
    /// The substring of <paramref name="text"/> closest to <paramref name="pattern"/> (fewest edits,
    /// then length nearest the pattern's), or null when every substring needs more than
    /// <paramref name="max"/> edits. Semi-global alignment: O(pattern · text).
    /// </summary>
    public static (int Start, int End, int Distance)? BestSubstring(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, int max)
    {
        var m = pattern.Length;
        var cost = new int[m + 1];
        var start = new int[m + 1];
        for (var i = 0; i <= m; i++)
        {
            cost[i] = i;
        }

        (int Start, int End, int Distance)? best = null;
        for (var j = 1; j <= text.Length; j++)
        {
            // cost/start hold column j-1; walk down keeping the diagonal neighbour of column j-1.
            var diagonalCost = cost[0];
            var diagonalStart = start[0];
            cost[0] = 0;
            start[0] = j;
            var t = text[j - 1];
            for (var i = 1; i <= m; i++)
            {
                var (upCost, upStart) = (cost[i], start[i]);
                var substitute = diagonalCost + (pattern[i - 1] == t ? 0 : 1);
                var (bestCost, bestStart) = (substitute, diagonalStart);
                if (upCost + 1 < bestCost)
                {
                    (bestCost, bestStart) = (upCost + 1, upStart);
                }

                if (cost[i - 1] + 1 < bestCost)
                {
                    (bestCost, bestStart) = (cost[i - 1] + 1, start[i - 1]);
                }

                (diagonalCost, diagonalStart) = (upCost, upStart);
                cost[i] = bestCost;
                start[i] = bestStart;
            }

            if (cost[m] <= max && (best is not { } b || cost[m] < b.Distance
                || (cost[m] == b.Distance && Math.Abs(j - start[m] - m) < Math.Abs(b.End - b.Start - m))))
            {
                best = (start[m], j, cost[m]);
            }
        }

        return best;
    }

    /// <summary>
    /// How alike two snippets of context are, 0 to 1: the Dice coefficient of their character
    /// trigrams. Unrelated English snippets score near 0 (edit-distance similarity would give
    /// them ~0.4), one typo in 32 characters still scores ~0.9, and a shift by a few characters
    /// costs little.
    /// </summary>
    public static double ContextSimilarity(string a, string b) => new ContextGrams(a).Similarity(b);
}

/// <summary>One side of a context comparison, its trigrams computed once for many candidates.</summary>
internal sealed class ContextGrams
{
    private readonly string _text;
    private readonly ulong[] _grams;

    public ContextGrams(string text)
    {
        _text = text;
        _grams = new ulong[Math.Max(0, text.Length - 2)];
        Fill(text, _grams);
    }

    /// <summary><see cref="EditDistance.ContextSimilarity"/> of this text and <paramref name="other"/>.</summary>
    public double Similarity(ReadOnlySpan<char> other)
    {
        if (_text.Length == 0 && other.Length == 0)
        {
            return 1;
        }

        if (_text.Length < 3 || other.Length < 3)
        {
            return other.SequenceEqual(_text) ? 1 : 0;
        }

        Span<ulong> grams = other.Length <= 258 ? stackalloc ulong[other.Length - 2] : new ulong[other.Length - 2];
        Fill(other, grams);
        int i = 0, j = 0, common = 0;
        while (i < _grams.Length && j < grams.Length)
        {
            if (_grams[i] == grams[j])
            {
                common++;
                i++;
                j++;
            }
            else if (_grams[i] < grams[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * common / (_grams.Length + grams.Length);
    }

    private static void Fill(ReadOnlySpan<char> s, Span<ulong> grams)
    {
        for (var i = 0; i < grams.Length; i++)
        {
            grams[i] = ((ulong)s[i] << 32) | ((ulong)s[i + 1] << 16) | s[i + 2];
        }

        grams.Sort();
    }
}
