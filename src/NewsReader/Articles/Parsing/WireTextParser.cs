using System.Text.RegularExpressions;

namespace NewsReader.Articles.Parsing;

/// <summary>
/// Parses wire-service plain text (see README.md beside this file for the rules and examples).
/// Input is already decoded and has <c>\n</c> line endings.
/// </summary>
public static partial class WireTextParser
{
    private const int MaxHeadlineLength = 150;
    private const int MaxSubheadingLength = 80;

    public static ParsedArticle Parse(string text)
    {
        var lines = text.Split('\n');
        var index = SkipBlankLines(lines, 0);
        if (index == lines.Length)
        {
            throw new ArticleFormatException("empty file: no text to import");
        }

        DateOnly? publishedOn = null;
        IReadOnlyList<string> authors = [];
        var header = HeaderLine().Match(lines[index]);
        if (header.Success)
        {
            publishedOn = ParseDate(header.Groups["date"].Value, index + 1);
            authors = header.Groups["names"].Success ? SplitNames(header.Groups["names"].Value) : [];
            index++;
        }

        var rawBlocks = SplitBlocks(lines, index);
        if (rawBlocks.Count == 0)
        {
            throw new ArticleFormatException("no article text after the header line");
        }

        string? headline = null;
        if (rawBlocks.Count > 1 && rawBlocks[0].LineCount == 1 && IsHeadline(rawBlocks[0].Text))
        {
            headline = rawBlocks[0].Text;
            rawBlocks.RemoveAt(0);
        }

        var blocks = new List<ArticleBlock>(rawBlocks.Count);
        string? place = null;
        string? source = null;
        string? lede = null;
        foreach (var raw in rawBlocks)
        {
            if (IsSubheading(raw.Text))
            {
                blocks.Add(new ArticleBlock("", BlockKind.Heading, raw.Text, Level: 2));
                continue;
            }

            if (lede is null)
            {
                lede = raw.Text;
                var dateline = Dateline().Match(lede);
                if (dateline.Success)
                {
                    place = dateline.Groups["place"].Value.Trim();
                    source = dateline.Groups["source"].Value.Trim();
                    lede = lede[dateline.Length..];
                }
            }

            blocks.Add(new ArticleBlock("", BlockKind.Paragraph, raw.Text));
        }

        var title = headline ?? Titles.FromLede(lede ?? blocks[0].Text);
        return new ParsedArticle(title, authors, publishedOn, source, place, blocks);
    }

    /// <summary>Splits "A, B and C" (commas and/or "and", any case) into names.</summary>
    public static IReadOnlyList<string> SplitNames(string names) =>
        NameSeparator().Split(names.Trim())
            .Select(n => n.Trim(' ', '\t', '.'))
            .Where(n => n.Length > 0)
            .ToList();

    public static DateOnly ParseDate(string value, int lineNumber)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new ArticleFormatException($"line {lineNumber}: '{value}' is not a valid date (expected YYYY-MM-DD)");
    }

    private static bool IsHeadline(string text) =>
        text.Length <= MaxHeadlineLength
        && !EndsWithTerminalPunctuation(text)
        && !Dateline().IsMatch(text);

    private static bool EndsWithTerminalPunctuation(string text)
    {
        var end = text.AsSpan().TrimEnd("\"'”’»)]*_ ");
        return end.Length > 0 && ".!?…:;,".Contains(end[^1]);
    }

    /// <summary>A short block with at least two cased letters, all of them capitals.</summary>
    public static bool IsSubheading(string text)
    {
        if (text.Length > MaxSubheadingLength || text.Contains('\n'))
        {
            return false;
        }

        var upper = 0;
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            if (char.IsUpper(c))
            {
                upper++;
            }
        }

        return upper >= 2 && !Dateline().IsMatch(text);
    }

    private static int SkipBlankLines(string[] lines, int index)
    {
        while (index < lines.Length && IsBlank(lines[index]))
        {
            index++;
        }

        return index;
    }

    private static bool IsBlank(string line)
    {
        foreach (var c in line)
        {
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct RawBlock(string Text, int LineCount);

    /// <summary>
    /// Blank lines separate blocks and single line breaks inside a block are soft wraps; a body
    /// with no blank line at all is one paragraph per line.
    /// </summary>
    private static List<RawBlock> SplitBlocks(string[] lines, int start)
    {
        var first = SkipBlankLines(lines, start);
        var last = lines.Length - 1;
        while (last >= first && IsBlank(lines[last]))
        {
            last--;
        }

        var blocks = new List<RawBlock>();
        var hasBlankLine = false;
        for (var i = first; i <= last; i++)
        {
            if (IsBlank(lines[i]))
            {
                hasBlankLine = true;
                break;
            }
        }

        if (!hasBlankLine)
        {
            for (var i = first; i <= last; i++)
            {
                blocks.Add(new RawBlock(TrimLayout(lines[i]), 1));
            }

            return blocks;
        }

        var current = new List<string>();
        for (var i = first; i <= last + 1; i++)
        {
            if (i > last || IsBlank(lines[i]))
            {
                if (current.Count > 0)
                {
                    blocks.Add(new RawBlock(string.Join(' ', current), current.Count));
                    current.Clear();
                }

                continue;
            }

            current.Add(TrimLayout(lines[i]));
        }

        return blocks;
    }

    /// <summary>Indentation and trailing spaces are layout, not text; other whitespace (NBSP) is text.</summary>
    private static string TrimLayout(string line) => line.Trim(' ', '\t');

    [GeneratedRegex(@"^[ \t]*date[ \t]+(?<date>\d{4}-\d{2}-\d{2})(?:[ \t]+by[ \t]+(?<names>.*?))?[ \t]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"\s*(?:,\s*and\s+|,|\s+and\s+|\s*&\s*)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameSeparator();

    /// <summary>
    /// <c>PLACE[, Region][, Mon. D] (Source) – </c> at the start of the lede; place in capitals,
    /// month abbreviated or in full, any dash.
    /// </summary>
    [GeneratedRegex(
        @"^(?<place>\p{Lu}[\p{Lu}\p{M}'’.\-/ ]*?(?:,[ \t]*\p{Lu}[\p{L}\p{M}'’.\- ]*?)?)[ \t]*,?[ \t]*" +
        @"(?:(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?[ \t]+(?<day>\d{1,2})[ \t]*)?" +
        @"\((?<source>[^()\n]{1,40})\)[ \t]*(?:--|[-\u2010-\u2015\u2212])[ \t]*",
        RegexOptions.CultureInvariant)]
    public static partial Regex Dateline();
}
