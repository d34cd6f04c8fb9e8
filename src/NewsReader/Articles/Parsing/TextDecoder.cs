namespace NewsReader.Articles.Parsing;

/// <summary>
/// Turns raw file bytes into article text without ever inventing characters: UTF-8 (with or
/// without BOM) and UTF-16 with BOM decode strictly; anything else falls back to Windows-1252;
/// binary input is refused. Line endings become <c>\n</c> and a leading BOM is dropped.
/// </summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Windows-1252 0x80–0x9F; the five holes (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay Latin-1 controls
    // and are then refused as control characters.
    private static readonly char[] Cp1252High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = DecodeBytes(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        text = NormalizeLineEndings(text);
        RefuseControlCharacters(text);
        return text;
    }

    public static string NormalizeLineEndings(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    private static string DecodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return DecodeStrict(StrictUtf8, bytes[3..], "UTF-8");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return DecodeStrict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..], "UTF-16");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return DecodeStrict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..], "UTF-16");
        }

        if (bytes.Contains((byte)0))
        {
            throw new ArticleFormatException("binary file (contains NUL bytes), not text");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return DecodeWindows1252(bytes);
        }
    }

    private static string DecodeStrict(Encoding encoding, ReadOnlySpan<byte> bytes, string name)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ArticleFormatException($"invalid {name}: the file starts with a {name} byte-order mark but its bytes are not valid {name}");
        }
    }

    private static string DecodeWindows1252(ReadOnlySpan<byte> bytes)
    {
        return string.Create(bytes.Length, bytes.ToArray(), static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var b = source[i];
                span[i] = b is >= 0x80 and <= 0x9F ? Cp1252High[b - 0x80] : (char)b;
            }
        });
    }

    private static void RefuseControlCharacters(string text)
    {
        foreach (var c in text)
        {
            if ((c < ' ' && c is not ('\n' or '\t' or '\f')) || c is >= '\u007F' and <= '\u009F')
            {
                throw new ArticleFormatException(
                    $"binary or undecodable file: contains control character U+{(int)c:X4}; save it as UTF-8 text");
            }
        }
    }
}
