namespace NewsReader.Anchoring;

/// <summary>
/// Text as re-anchoring compares it: Unicode NFKC, whitespace runs collapsed to one space and
/// trimmed, curly quotes and dashes folded to ASCII, invisible format characters (RLM, ZWJ, soft
/// hyphen) dropped. Every character remembers the raw range it came from, so a match found in
/// the normalised text maps back to offsets in the raw text.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[] _rawStart;
    private readonly int[] _rawEnd;

    private NormalizedText(string text, int[] rawStart, int[] rawEnd)
    {
        Text = text;
        _rawStart = rawStart;
        _rawEnd = rawEnd;
    }

    public string Text { get; }

    /// <summary>Raw offset where the source of normalised character <paramref name="index"/> starts.</summary>
    public int RawStart(int index) => _rawStart[index];

    /// <summary>Raw offset just after the source of normalised character <paramref name="index"/>.</summary>
    public int RawEnd(int index) => _rawEnd[index];

    /// <summary>The first normalised character that starts at or after raw offset <paramref name="raw"/> (the text's length when none does).</summary>
    public int NormalizedAt(int raw)
    {
        var index = Array.BinarySearch(_rawStart, 0, Text.Length, raw);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && _rawStart[index - 1] == raw)
        {
            index--;
        }

        return index;
    }

    public static NormalizedText From(string raw)
    {
        var map = new Map(raw.Length);
        var text = Build(raw, map);
        return new NormalizedText(text, map.Starts[..text.Length], map.Ends[..text.Length]);
    }

    /// <summary>The normalised form of <paramref name="raw"/>, without the map.</summary>
    public static string Fold(ReadOnlySpan<char> raw) => Build(raw, null);

    /// <summary>Raw ranges of the normalised characters, grown only if NFKC expands the text (ﬁ to fi).</summary>
    private sealed class Map(int capacity)
    {
        public int[] Starts { get; private set; } = new int[capacity];

        public int[] Ends { get; private set; } = new int[capacity];

        public void Set(int index, int start, int end)
        {
            if (index == Starts.Length)
            {
                Starts = [.. Starts, .. new int[Math.Max(16, index / 4)]];
                Ends = [.. Ends, .. new int[Starts.Length - Ends.Length]];
            }

            Starts[index] = start;
            Ends[index] = end;
        }
    }

    private static string Build(ReadOnlySpan<char> raw, Map? map)
    {
        var builder = new StringBuilder(raw.Length);
        // Most article text is already NFKC; then no element needs normalising on its own.
        var normalized = IsAsciiOrNormalized(raw);
        var pendingSpace = -1;
        var pendingSpaceEnd = -1;
        for (var i = 0; i < raw.Length;)
        {
            var c = raw[i];
            if (c < 0x80 && (i + 1 == raw.Length || raw[i + 1] < 0x80))
            {
                // ASCII fast path: no element, no normalisation, no folding beyond whitespace and '`'.
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = pendingSpace < 0 ? i : pendingSpace;
                    pendingSpaceEnd = i + 1;
                }
                else
                {
                    FlushSpace(builder, map, ref pendingSpace, pendingSpaceEnd);
                    map?.Set(builder.Length, i, i + 1);
                    builder.Append(c == '`' ? '\'' : c);
                }

                i++;
                continue;
            }

            var length = StringInfo.GetNextTextElementLength(raw[i..]);
            var element = raw.Slice(i, length);
            ReadOnlySpan<char> chars = normalized ? element : element.ToString().Normalize(NormalizationForm.FormKC);
            foreach (var e in chars)
            {
                if (char.IsWhiteSpace(e))
                {
                    pendingSpace = pendingSpace < 0 ? i : pendingSpace;
                    pendingSpaceEnd = i + length;
                    continue;
                }

                if (e >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(e) == UnicodeCategory.Format)
                {
                    continue;
                }

                FlushSpace(builder, map, ref pendingSpace, pendingSpaceEnd);
                map?.Set(builder.Length, i, i + length);
                builder.Append(FoldChar(e));
            }

            i += length;
        }

        return builder.ToString();
    }

    /// <summary>A whitespace run becomes one space, except at the start (and, by never flushing, the end).</summary>
    private static void FlushSpace(StringBuilder builder, Map? map, ref int pendingSpace, int pendingSpaceEnd)
    {
        if (pendingSpace < 0)
        {
            return;
        }

        if (builder.Length > 0)
        {
            map?.Set(builder.Length, pendingSpace, pendingSpaceEnd);
            builder.Append(' ');
        }

        pendingSpace = -1;
    }

    private static bool IsAsciiOrNormalized(ReadOnlySpan<char> raw) =>
        System.Text.Ascii.IsValid(raw) || raw.ToString().IsNormalized(NormalizationForm.FormKC);

    /// <summary>Equal once folded: the same character, two whitespace characters, or typographic variants.</summary>
    public static bool SameChar(char a, char b) =>
        a == b || (char.IsWhiteSpace(a) && char.IsWhiteSpace(b)) || FoldChar(a) == FoldChar(b);

    /// <summary>Typographic variants an editor swaps freely: they must not count as edits.</summary>
    private static char FoldChar(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u2035' or '\u2039' or '\u203A' or '`' or '\u00B4' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u2036' or '\u00AB' or '\u00BB' => '"',
        (>= '\u2010' and <= '\u2015') or '\u2212' or '\uFE58' or '\uFE63' => '-',
        _ => c,
    };
}
