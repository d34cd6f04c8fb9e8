using NewsReader.Anchoring;
using NewsReader.Articles.Parsing;

namespace NewsReader.History;

public enum BlockChangeKind
{
    Unchanged,
    Changed,
    Inserted,
    Deleted,
    Moved,
}

/// <summary>
/// One paragraph (block) of the comparison, in reading order: the new revision's blocks, with the
/// old one's deleted blocks where they stood. <see cref="Segments"/> hold its words (all one
/// kind unless <see cref="Kind"/> is Changed, or Moved with edits).
/// </summary>
public sealed record BlockChange(BlockChangeKind Kind, ArticleBlock Block, IReadOnlyList<Segment> Segments, int? OldIndex, int? NewIndex)
{
    /// <summary>A moved block that came from further down the old revision.</summary>
    public bool MovedUp => Kind == BlockChangeKind.Moved && OldIndex > NewIndex;

    public bool HasEdits => Segments.Any(s => s.Kind != SegmentKind.Equal);
}

/// <summary>
/// Two revisions compared block by block, then word by word (README.md): identical blocks are
/// aligned by the Myers diff; in each stretch between them, an old and a new block whose words
/// are at least half the same are the same paragraph, changed; an old block that reappears
/// elsewhere (exactly, or with at least <see cref="MovedSimilarity"/> of its words) moved; the
/// rest were deleted or inserted.
/// </summary>
public static class RevisionDiff
{
    /// <summary>Share of words two blocks need in common to be shown as one changed paragraph.</summary>
    public const double ChangedSimilarity = 0.5;

    /// <summary>Share of words a block found elsewhere needs to be shown as moved (with its edits) rather than deleted and inserted.</summary>
    public const double MovedSimilarity = 0.7;

    /// <summary>Blocks compared with each other at most, per stretch and for moves: keeps a rewritten 10,000-block article quick.</summary>
    private const int MaxComparisons = 40_000;

    public static IReadOnlyList<BlockChange> Compare(IReadOnlyList<ArticleBlock> before, IReadOnlyList<ArticleBlock> after)
    {
        var (a, b) = MyersDiff.Ids(before.Select(Key), after.Select(Key));
        var runs = MyersDiff.Diff(a, b, Math.Min(a.Length + b.Length, 2_000)) ?? [];

        // Stretches between identical blocks: pair the similar ones in order.
        var pairs = new Dictionary<int, int>();                  // new index → old index
        int x = 0, y = 0;
        foreach (var run in runs.Append(new EqualRun(a.Length, b.Length, 0)))
        {
            PairSimilar(before, after, x, run.A, y, run.B, pairs);
            for (var i = 0; i < run.Length; i++)
            {
                pairs[run.B + i] = run.A + i;
            }

            (x, y) = (run.A + run.Length, run.B + run.Length);
        }

        // What is left over on both sides: the same paragraph somewhere else moved.
        var moved = new Dictionary<int, int>();                 // new index → old index
        var pairedOld = pairs.Values.ToHashSet();
        var loneOld = Enumerable.Range(0, before.Count).Where(i => !pairedOld.Contains(i)).ToList();
        var loneNew = Enumerable.Range(0, after.Count).Where(i => !pairs.ContainsKey(i)).ToList();
        if (loneOld.Count > 0 && loneNew.Count > 0)
        {
            FindMoves(before, after, loneOld, loneNew, moved);
        }

        return Merge(before, after, pairs, moved);
    }

    private static void PairSimilar(IReadOnlyList<ArticleBlock> before, IReadOnlyList<ArticleBlock> after,
        int oldStart, int oldEnd, int newStart, int newEnd, Dictionary<int, int> pairs)
    {
        if (oldEnd == oldStart || newEnd == newStart)
        {
            return;
        }

        var oldWords = Enumerable.Range(oldStart, oldEnd - oldStart).Select(i => WordDiff.WordCounts(before[i].Text)).ToList();
        var window = Math.Max(1, MaxComparisons / (newEnd - newStart));
        var next = oldStart;                                    // pairs keep their order
        for (var j = newStart; j < newEnd && next < oldEnd; j++)
        {
            var words = WordDiff.WordCounts(after[j].Text);
            var (best, score) = (-1, ChangedSimilarity);
            for (var i = next; i < oldEnd && i < next + window; i++)
            {
                var similarity = WordDiff.Similarity(oldWords[i - oldStart], words);
                if (similarity >= score && before[i].Kind == after[j].Kind)
                {
                    (best, score) = (i, similarity);
                    if (similarity == 1)
                    {
                        break;
                    }
                }
            }

            if (best >= 0)
            {
                pairs[j] = best;
                next = best + 1;
            }
        }
    }

    private static void FindMoves(IReadOnlyList<ArticleBlock> before, IReadOnlyList<ArticleBlock> after,
        List<int> loneOld, List<int> loneNew, Dictionary<int, int> moved)
    {
        var taken = new HashSet<int>();
        var byText = loneOld.GroupBy(i => Key(before[i]), StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<int>(g), StringComparer.Ordinal);
        foreach (var j in loneNew)
        {
            if (byText.TryGetValue(Key(after[j]), out var same) && same.Count > 0)
            {
                moved[j] = same.Dequeue();
                taken.Add(moved[j]);
            }
        }

        if ((long)loneOld.Count * loneNew.Count > MaxComparisons)
        {
            return;                                             // exact moves only: too many to compare
        }

        var oldWords = loneOld.ToDictionary(i => i, i => WordDiff.WordCounts(before[i].Text));
        foreach (var j in loneNew.Where(j => !moved.ContainsKey(j)))
        {
            var words = WordDiff.WordCounts(after[j].Text);
            var (best, score) = (-1, MovedSimilarity);
            foreach (var i in loneOld.Where(i => !taken.Contains(i) && before[i].Kind == after[j].Kind))
            {
                var similarity = WordDiff.Similarity(oldWords[i], words);
                if (similarity >= score)
                {
                    (best, score) = (i, similarity);
                }
            }

            if (best >= 0)
            {
                moved[j] = best;
                taken.Add(best);
            }
        }
    }

    /// <summary>
    /// The new revision's blocks in order, each old block nobody took shown deleted where it
    /// stood: before the new block paired with the next old block, and before what was added in
    /// its place (removed, then added, as diffs read).
    /// </summary>
    private static List<BlockChange> Merge(IReadOnlyList<ArticleBlock> before, IReadOnlyList<ArticleBlock> after,
        Dictionary<int, int> pairs, Dictionary<int, int> moved)
    {
        var used = pairs.Values.Concat(moved.Values).ToHashSet();
        // For each new block: the old index of the next paired block at or after it (the old text's place there).
        var nextPairedOld = new int[after.Count + 1];
        nextPairedOld[after.Count] = before.Count;
        for (var j = after.Count - 1; j >= 0; j--)
        {
            nextPairedOld[j] = pairs.TryGetValue(j, out var paired) ? paired : nextPairedOld[j + 1];
        }

        var changes = new List<BlockChange>(after.Count + before.Count - used.Count);
        var nextOld = 0;
        for (var j = 0; j < after.Count; j++)
        {
            for (; nextOld < nextPairedOld[j]; nextOld++)
            {
                AddDeleted(before, used, nextOld, changes);
            }

            if (pairs.TryGetValue(j, out var i))
            {
                nextOld = Math.Max(nextOld, i + 1);
                var same = Key(before[i]) == Key(after[j]);
                changes.Add(same
                    ? new BlockChange(BlockChangeKind.Unchanged, after[j], Plain(SegmentKind.Equal, after[j].Text), i, j)
                    : new BlockChange(BlockChangeKind.Changed, after[j], WordDiff.Compare(before[i].Text, after[j].Text), i, j));
            }
            else if (moved.TryGetValue(j, out var from))
            {
                changes.Add(new BlockChange(BlockChangeKind.Moved, after[j], WordDiff.Compare(before[from].Text, after[j].Text), from, j));
            }
            else
            {
                changes.Add(new BlockChange(BlockChangeKind.Inserted, after[j], Plain(SegmentKind.Inserted, after[j].Text), null, j));
            }
        }

        for (; nextOld < before.Count; nextOld++)
        {
            AddDeleted(before, used, nextOld, changes);
        }

        return changes;
    }

    private static void AddDeleted(IReadOnlyList<ArticleBlock> before, HashSet<int> used, int i, List<BlockChange> changes)
    {
        if (!used.Contains(i))
        {
            changes.Add(new BlockChange(BlockChangeKind.Deleted, before[i], Plain(SegmentKind.Deleted, before[i].Text), i, null));
        }
    }

    private static IReadOnlyList<Segment> Plain(SegmentKind kind, string text) => text.Length == 0 ? [] : [new Segment(kind, text)];

    /// <summary>Blocks are the same when their kind and text are: a paragraph that became a heading changed.</summary>
    private static string Key(ArticleBlock block) => $"{(int)block.Kind}:{block.Text}";
}
