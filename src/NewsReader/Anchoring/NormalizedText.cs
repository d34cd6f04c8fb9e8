using System.Globalization;
using System.Text;

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

    public static NormalizedText From(string raw)
    {
        var map = new List<(int Start, int End)>(raw.Length);
        var text = Build(raw, map);
        var starts = new int[map.Count];
        var ends = new int[map.Count];
        for (var i = 0; i < map.Count; i++)
        {
            (starts[i], ends[i]) = map[i];
        }

        return new NormalizedText(text, starts, ends);
    }

    /// <summary>The normalised form of <paramref name="raw"/>, without the map.</summary>
    public static string Fold(ReadOnlySpan<char> raw) => Build(raw, null);

    private static string Build(ReadOnlySpan<char> raw, List<(int Start, int End)>? map)
    {
        var builder = new StringBuilder(raw.Length);
        // Most article text is already NFKC; then no element needs normalising on its own.
        var normalized = IsAsciiOrNormalized(raw);
        var pendingSpace = -1;
        var pendingSpaceEnd = -1;
        for (var i = 0; i < raw.Length;)
        {
            var length = raw[i] < 0x80 && (i + 1 == raw.Length || raw[i + 1] < 0x80)
                ? 1
                : StringInfo.GetNextTextElementLength(raw[i..]);
            var element = raw.Slice(i, length);
            ReadOnlySpan<char> chars = normalized || length == 1 && element[0] < 0x80
                ? element
                : element.ToString().Normalize(NormalizationForm.FormKC);
            foreach (var c in chars)
            {
                if (char.IsWhiteSpace(c))
                {
                    if (pendingSpace < 0)
                    {
                        pendingSpace = i;
                    }

                    pendingSpaceEnd = i + length;
                    continue;
                }

                if (c >= 0x80 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                {
                    continue;
                }

                if (pendingSpace >= 0)
                {
                    if (builder.Length > 0)
                    {
                        builder.Append(' ');
                        map?.Add((pendingSpace, pendingSpaceEnd));
                    }

                    pendingSpace = -1;
                }

                builder.Append(FoldChar(c));
                map?.Add((i, i + length));
            }

            i += length;
        }

        return builder.ToString();
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
