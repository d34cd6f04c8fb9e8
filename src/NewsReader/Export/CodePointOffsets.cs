namespace NewsReader.Export;

/// <summary>
/// Converts offsets in a string between UTF-16 units (how .NET and the database count) and
/// Unicode code points (how the W3C TextPositionSelector counts): every surrogate pair before
/// an offset is one code point but two units. A lone surrogate counts as one of each.
/// </summary>
public sealed class CodePointOffsets
{
    // UTF-16 index of the high half of every surrogate pair, in order.
    private readonly List<int> _pairs = [];

    public CodePointOffsets(string text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                _pairs.Add(i++);
            }
        }

        Length = text.Length - _pairs.Count;
        Utf16Length = text.Length;
    }

    /// <summary>The text's length in code points.</summary>
    public int Length { get; }

    public int Utf16Length { get; }

    public int ToCodePoints(int utf16Offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(utf16Offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf16Offset, Utf16Length);
        var index = _pairs.BinarySearch(utf16Offset);
        var pairsBefore = index >= 0 ? index : ~index;
        return utf16Offset - pairsBefore;
    }

    /// <summary>The UTF-16 offset of a code point offset, or null when it is past the end.</summary>
    public int? ToUtf16(int codePointOffset)
    {
        if (codePointOffset < 0 || codePointOffset > Length)
        {
            return null;
        }

        // The answer is the offset plus the number k of pairs that start before it: the first k with
        // _pairs[k] - k >= codePointOffset (that difference never decreases, so binary search).
        int low = 0, high = _pairs.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_pairs[middle] - middle >= codePointOffset)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return codePointOffset + low;
    }
}
