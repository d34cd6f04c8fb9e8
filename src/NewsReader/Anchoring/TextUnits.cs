using NewsReader.Articles;

namespace NewsReader.Anchoring;

/// <summary>Words and user-perceived characters (grapheme clusters), for keeping highlight edges whole.</summary>
internal static class TextUnits
{
    public static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    public static bool IsWordStart(string text, int offset) =>
        offset < text.Length && IsWordChar(text[offset]) && (offset == 0 || !IsWordChar(text[offset - 1]));

    public static bool IsWordEnd(string text, int offset) =>
        offset > 0 && IsWordChar(text[offset - 1]) && (offset == text.Length || !IsWordChar(text[offset]));

    /// <summary>
    /// How many characters before <paramref name="end"/> in <paramref name="text"/> read as those
    /// before <paramref name="otherEnd"/> in <paramref name="other"/> (folded, at most
    /// <paramref name="max"/>). Stops at a line break: an unchanged neighbouring paragraph says
    /// nothing about whether this one survived.
    /// </summary>
    public static int MatchingBefore(string text, int end, string other, int otherEnd, int max)
    {
        var n = 0;
        while (n < max && end - n > 0 && otherEnd - n > 0 && text[end - n - 1] != '\n'
            && NormalizedText.SameChar(text[end - n - 1], other[otherEnd - n - 1]))
        {
            n++;
        }

        return n;
    }

    /// <summary>How many characters from <paramref name="start"/> in <paramref name="text"/> read as those from <paramref name="otherStart"/> in <paramref name="other"/>, up to a line break.</summary>
    public static int MatchingAfter(string text, int start, string other, int otherStart, int max)
    {
        var n = 0;
        while (n < max && start + n < text.Length && otherStart + n < other.Length && text[start + n] != '\n'
            && NormalizedText.SameChar(text[start + n], other[otherStart + n]))
        {
            n++;
        }

        return n;
    }

    public static bool IsElementBoundary(ArticleText text, int offset) => ElementAround(text, offset).Start == offset;

    /// <summary>
    /// The grapheme cluster holding <paramref name="offset"/>: (offset, offset) when it is a
    /// boundary. Clusters never cross blocks, so only the offset's block is scanned.
    /// </summary>
    public static (int Start, int End) ElementAround(ArticleText text, int offset)
    {
        var raw = text.Text;
        if (offset <= 0 || offset >= raw.Length || (raw[offset - 1] < 0x80 && raw[offset] < 0x80))
        {
            return (offset, offset);
        }

        var block = text.ToPoint(offset, preferNext: false).Block;
        var (i, end) = (text.BlockStart(block), text.BlockEnd(block));
        while (i < offset && i < end)
        {
            var length = StringInfo.GetNextTextElementLength(raw.AsSpan(i, end - i));
            if (i + length > offset)
            {
                return (i, i + length);
            }

            i += length;
        }

        return (offset, offset);
    }
}
