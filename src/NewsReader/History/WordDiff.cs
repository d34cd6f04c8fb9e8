using NewsReader.Anchoring;

namespace NewsReader.History;

public enum SegmentKind
{
    Equal,
    Deleted,
    Inserted,
}

/// <summary>A piece of a compared paragraph: text both revisions share, or text only the old (deleted) or the new (inserted) has.</summary>
public sealed record Segment(SegmentKind Kind, string Text);

/// <summary>
/// Word-level differences between two versions of a paragraph, for people to read (README.md).
/// The text is cut into words, runs of white space and single other characters (each a whole
/// grapheme cluster, so an emoji with its modifiers is one), with every CJK character its own
/// word, as those scripts have no spaces; the token sequences go through the Myers diff the
/// re-anchoring uses. A change is shown whole: deleted words before inserted ones, and the
/// spaces between two changed words inside the change, so "a b" replaced by "c d" reads
/// <c>[-a b-][+c d+]</c> and not as four pieces.
/// </summary>
public static class WordDiff
{
    /// <summary>Beyond this many token edits a paragraph is shown as replaced whole: the diff's memory grows with its square.</summary>
    public const int MaxEdits = 1_500;

    public static IReadOnlyList<Segment> Compare(string before, string after)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return before.Length == 0 ? [] : [new Segment(SegmentKind.Equal, before)];
        }

        var a = Tokens(before);
        var b = Tokens(after);
        var (aIds, bIds) = MyersDiff.Ids(a, b);
        var runs = MyersDiff.Diff(aIds, bIds, Math.Min(aIds.Length + bIds.Length, MaxEdits));
        if (runs is null)
        {
            return Tidy([new Segment(SegmentKind.Deleted, before), new Segment(SegmentKind.Inserted, after)]);
        }

        var segments = new List<Segment>();
        int x = 0, y = 0;
        foreach (var run in runs.Append(new EqualRun(a.Count, b.Count, 0)))
        {
            if (run.A > x)
            {
                segments.Add(new Segment(SegmentKind.Deleted, string.Concat(a.Skip(x).Take(run.A - x))));
            }

            if (run.B > y)
            {
                segments.Add(new Segment(SegmentKind.Inserted, string.Concat(b.Skip(y).Take(run.B - y))));
            }

            if (run.Length > 0)
            {
                segments.Add(new Segment(SegmentKind.Equal, string.Concat(a.Skip(run.A).Take(run.Length))));
            }

            (x, y) = (run.A + run.Length, run.B + run.Length);
        }

        return Tidy(segments);
    }

    /// <summary>How alike two paragraphs' words are: 2 × shared words ÷ all words (Dice over the word multisets), 0..1.</summary>
    public static double Similarity(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        int total = a.Values.Sum() + b.Values.Sum(), shared = 0;
        foreach (var (word, count) in a)
        {
            if (b.TryGetValue(word, out var other))
            {
                shared += Math.Min(count, other);
            }
        }

        return total == 0 ? 1 : 2.0 * shared / total;
    }

    /// <summary>A paragraph's words (no spaces or punctuation, lower-cased) and how often each occurs, for <see cref="Similarity"/>.</summary>
    public static Dictionary<string, int> WordCounts(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in Tokens(text))
        {
            if (IsWord(token))
            {
                var word = token.ToLowerInvariant();
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }

        return counts;
    }

    /// <summary>The text cut into words, white-space runs and single other characters; concatenated they are the text again.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var currentKind = TokenKind.Other;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            var kind = KindOf(element);
            if (current.Length > 0 && (kind != currentKind || kind is TokenKind.Other or TokenKind.Ideograph))
            {
                tokens.Add(current.ToString());
                current.Clear();
            }

            current.Append(element);
            currentKind = kind;
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private enum TokenKind
    {
        Word,
        Ideograph,
        Space,
        Other,
    }

    private static TokenKind KindOf(string element)
    {
        var rune = Rune.GetRuneAt(element, 0);
        if (Rune.IsWhiteSpace(rune))
        {
            return TokenKind.Space;
        }

        if (!Rune.IsLetterOrDigit(rune))
        {
            return TokenKind.Other;
        }

        return IsIdeographic(rune.Value) ? TokenKind.Ideograph : TokenKind.Word;
    }

    /// <summary>Han, kana and the CJK blocks around them: written without spaces, so each character is a word of its own.</summary>
    private static bool IsIdeographic(int c) =>
        c is >= 0x2E80 and <= 0x9FFF        // CJK radicals, kana, CJK unified ideographs
            or >= 0xF900 and <= 0xFAFF      // compatibility ideographs
            or >= 0xFF66 and <= 0xFF9F      // half-width katakana
            or >= 0x20000 and <= 0x3FFFF;   // ideographs beyond the BMP

    private static bool IsWord(string token) => KindOf(token) is TokenKind.Word or TokenKind.Ideograph;

    /// <summary>
    /// Each run of changes becomes one deleted then one inserted piece; white space alone between
    /// two changes joins them when the run both deletes and inserts (it reads as part of the
    /// replacement, not as something kept). Equal and deleted pieces still spell the old text,
    /// equal and inserted ones the new.
    /// </summary>
    private static List<Segment> Tidy(List<Segment> segments)
    {
        var result = new List<Segment>();
        var deleted = new StringBuilder();
        var inserted = new StringBuilder();
        bool anyDeleted = false, anyInserted = false;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.Kind == SegmentKind.Equal)
            {
                // Joined only when the whole run deletes and inserts: the space goes to both sides, each keeps its text whole.
                var next = segments.Skip(i + 1).TakeWhile(n => n.Kind != SegmentKind.Equal).ToList();
                var joins = string.IsNullOrWhiteSpace(segment.Text) && next.Count > 0 && (anyDeleted || anyInserted)
                    && (anyDeleted || next.Any(n => n.Kind == SegmentKind.Deleted))
                    && (anyInserted || next.Any(n => n.Kind == SegmentKind.Inserted));
                if (joins)
                {
                    deleted.Append(segment.Text);
                    inserted.Append(segment.Text);
                    continue;
                }

                Flush(result, deleted, anyDeleted, inserted, anyInserted);
                (anyDeleted, anyInserted) = (false, false);
                result.Add(segment);
            }
            else if (segment.Kind == SegmentKind.Deleted)
            {
                deleted.Append(segment.Text);
                anyDeleted = true;
            }
            else
            {
                inserted.Append(segment.Text);
                anyInserted = true;
            }
        }

        Flush(result, deleted, anyDeleted, inserted, anyInserted);
        return result;
    }

    /// <summary>The run of changes so far: the deleted text, then the inserted.</summary>
    private static void Flush(List<Segment> result, StringBuilder deleted, bool anyDeleted, StringBuilder inserted, bool anyInserted)
    {
        if (anyDeleted)
        {
            result.Add(new Segment(SegmentKind.Deleted, deleted.ToString()));
        }

        if (anyInserted)
        {
            result.Add(new Segment(SegmentKind.Inserted, inserted.ToString()));
        }

        deleted.Clear();
        inserted.Clear();
    }
}
