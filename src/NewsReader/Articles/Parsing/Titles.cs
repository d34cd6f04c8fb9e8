namespace NewsReader.Articles.Parsing;

/// <summary>Derives a title from the first sentence of the lede when an article has no headline.</summary>
public static class Titles
{
    public const int MaxLength = 90;

    // "About 90": a sentence only a word or two longer is kept whole rather than cut before its last word.
    private const int Tolerance = 10;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "lt", "col",
        "capt", "sgt", "maj", "adm", "cmdr", "rev", "hon", "pres", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "etc", "inc", "co",
        "corp", "ltd", "approx", "est", "dept", "fig", "al", "ft", "mt",
    };

    public static string FromLede(string lede) => Shorten(FirstSentence(lede.Trim()));

    public static string FirstSentence(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && "\"'”’»)]".Contains(text[end]))
            {
                end++;
            }

            if (end == text.Length)
            {
                return text;
            }

            if (!char.IsWhiteSpace(text[end]) || (c == '.' && IsAbbreviation(text, i)))
            {
                continue;
            }

            var next = end;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next < text.Length && (char.IsUpper(text[next]) || char.IsDigit(text[next]) || "\"“‘'(".Contains(text[next])))
            {
                return text[..end];
            }
        }

        return text;
    }

    /// <summary>Trims at a word boundary to about <see cref="MaxLength"/> characters, with an ellipsis when cut.</summary>
    public static string Shorten(string sentence)
    {
        sentence = sentence.Trim();
        if (sentence.EndsWith('.') && !sentence.EndsWith("..", StringComparison.Ordinal))
        {
            sentence = sentence[..^1];
        }

        if (sentence.Length <= MaxLength + Tolerance)
        {
            return sentence;
        }

        var cut = sentence.LastIndexOf(' ', MaxLength);
        if (cut < MaxLength / 2)
        {
            cut = MaxLength;
            if (char.IsHighSurrogate(sentence[cut - 1]))
            {
                cut--;
            }
        }

        return sentence[..cut].TrimEnd(' ', ',', ';', ':', '-', '–', '—') + "…";
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] != '(')
        {
            start--;
        }

        var word = text[start..dot];
        if (word.Length == 0)
        {
            return false;
        }

        // Initials ("George W. Bush") and dotted abbreviations ("U.S.", "a.m.").
        if ((word.Length == 1 && char.IsUpper(word[0])) || word.Contains('.'))
        {
            return true;
        }

        return Abbreviations.Contains(word);
    }
}
