namespace NewsReader.Anchoring;

/// <summary>A run of equal elements: <see cref="Length"/> elements from A in the first sequence and B in the second.</summary>
internal readonly record struct EqualRun(int A, int B, int Length);

/// <summary>
/// Myers' O(ND) difference algorithm over integer sequences (elements already mapped to ids).
/// Bounded: it gives up once more than maxEdits insertions and deletions would be needed,
/// so a rewritten region costs at most O((N+M) · maxEdits) and O(maxEdits²) memory.
/// </summary>
internal static class MyersDiff
{
    /// <summary>Two sequences as ids to diff: equal strings (ordinal) get the same id.</summary>
    public static (int[] A, int[] B) Ids(IEnumerable<string> a, IEnumerable<string> b)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string text)
        {
            if (!ids.TryGetValue(text, out var id))
            {
                id = ids.Count;
                ids[text] = id;
            }

            return id;
        }

        var first = a.Select(Id).ToArray();
        return (first, b.Select(Id).ToArray());
    }

    /// <summary>The equal runs of a shortest edit script, in order; null when it needs more than <paramref name="maxEdits"/> edits.</summary>
    public static List<EqualRun>? Diff(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int maxEdits)
    {
        var runs = new List<EqualRun>();
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        if (prefix > 0)
        {
            runs.Add(new EqualRun(0, 0, prefix));
        }

        var middleA = a[prefix..(a.Length - suffix)];
        var middleB = b[prefix..(b.Length - suffix)];
        if (middleA.Length > 0 && middleB.Length > 0 && !Middle(middleA, middleB, prefix, maxEdits, runs))
        {
            return null;
        }

        if (suffix > 0)
        {
            runs.Add(new EqualRun(a.Length - suffix, b.Length - suffix, suffix));
        }

        return runs;
    }

    private static bool Middle(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int offset, int maxEdits, List<EqualRun> runs)
    {
        int n = a.Length, m = b.Length;
        var max = Math.Min(n + m, maxEdits);
        var center = max + 1;
        var v = new int[2 * max + 3];
        // trace[d] holds v[-d..d] after round d, enough to walk the edit script back.
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                var down = k == -d || (k != d && v[center + k - 1] < v[center + k + 1]);
                var x = down ? v[center + k + 1] : v[center + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[center + k] = x;
                if (x >= n && y >= m)
                {
                    trace.Add(v[(center - d)..(center + d + 1)]);
                    Backtrack(trace, n, m, offset, runs);
                    return true;
                }
            }

            trace.Add(v[(center - d)..(center + d + 1)]);
        }

        return false;
    }

    private static void Backtrack(List<int[]> trace, int n, int m, int offset, List<EqualRun> runs)
    {
        var found = new List<EqualRun>();
        int x = n, y = m;
        for (var d = trace.Count - 1; d > 0; d--)
        {
            var previous = trace[d - 1];
            var k = x - y;
            // previous holds diagonals -(d-1)..(d-1) at indices 0..2d-2.
            var down = k == -d || (k != d && previous[k - 1 + d - 1] < previous[k + 1 + d - 1]);
            var previousK = down ? k + 1 : k - 1;
            var previousX = previous[previousK + d - 1];
            var previousY = previousX - previousK;
            var snakeX = down ? previousX : previousX + 1;
            if (x > snakeX)
            {
                found.Add(new EqualRun(offset + snakeX, offset + snakeX - k, x - snakeX));
            }

            (x, y) = (previousX, previousY);
        }

        if (x > 0)
        {
            found.Add(new EqualRun(offset, offset, x));
        }

        found.Reverse();
        runs.AddRange(found);
    }
}
