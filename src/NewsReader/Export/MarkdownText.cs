using System.Buffers;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NewsReader.Export;

/// <summary>
/// Writes article text (titles, quotes) as Markdown that renders to exactly that text, in
/// CommonMark and in the extensions readers' tools add (GFM tables and strikethrough,
/// Obsidian's tags, highlights, comments and maths), and checks that a reader's own Markdown
/// note cannot run on into what follows it. One known blemish: renderers that turn bare URLs
/// into links (GFM) show the escapes inside such a URL; CommonMark does not.
/// </summary>
public static partial class MarkdownText
{
    private const string Sentinel = "NewsReaderEndOfNoteSentinel";

    private static readonly SearchValues<char> BlockOpeners = SearchValues.Create("`~<");

    /// <summary>One line of text as Markdown inline content that cannot start a block.</summary>
    public static string Escape(string line)
    {
        var builder = new StringBuilder(line.Length + 16);
        var start = 0;
        while (start < line.Length && line[start] is ' ' or '\t')
        {
            builder.Append(Entity(line[start++]));
        }

        var end = line.Length;
        while (end > start && line[end - 1] is ' ' or '\t')
        {
            end--;
        }

        for (var i = start; i < end; i++)
        {
            var c = line[i];
            // Leading white space is written as entities, so only a line without any starts a block.
            var atLineStart = i == 0;
            var next = i + 1 < end ? line[i + 1] : '\0';
            var doubled = next == c || (i > start && line[i - 1] == c);
            var escape = c switch
            {
                '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '~' or '$' or '^' or '{' => true,
                '&' => EntityLike().IsMatch(line.AsSpan(i, end - i)),
                // ==highlight==, %%comment%%, ++inserted++ and ""citation"" in Obsidian and Markdig's extras.
                '=' or '%' or '+' or '"' when doubled => true,
                // List items, setext underlines, definitions and containers start a line.
                '-' or '+' or '=' or ':' => atLineStart,
                // "2024. A year" and "1) first" would start an ordered list.
                '.' or ')' => i is > 0 and <= 9 && IsAllDigits(line.AsSpan(0, i)),
                _ => false,
            };
            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        for (var i = end; i < line.Length; i++)
        {
            builder.Append(Entity(line[i]));
        }

        return builder.ToString();
    }

    /// <summary>
    /// A quote as one block quote: line breaks inside a paragraph become hard breaks and
    /// paragraphs stay paragraphs, so the rendered quote is the text exactly.
    /// </summary>
    public static void AppendBlockQuote(StringBuilder builder, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                // Consecutive empty lines are one paragraph break.
                if (i > 0 && lines[i - 1].Length > 0)
                {
                    builder.Append(">\n");
                }

                continue;
            }

            builder.Append("> ").Append(Escape(lines[i]));
            var continues = i + 1 < lines.Length && lines[i + 1].Length > 0;
            builder.Append(continues ? "\\\n" : "\n");
        }
    }

    /// <summary>
    /// True when a note's Markdown ends all it opens (a fence, an HTML comment…), so what is
    /// written after it stays outside it.
    /// </summary>
    public static bool IsSelfContained(string markdown)
    {
        // Only a code fence (` or ~) or an HTML block (<) stays open across the blank line before
        // the sentinel; a note without those characters cannot, and most notes are such: no parse.
        return markdown.AsSpan().IndexOfAny(BlockOpeners) < 0 || ParsesSelfContained(markdown);
    }

    /// <summary>The full test: the note parsed with a sentinel paragraph after it, which must come out on its own.</summary>
    internal static bool ParsesSelfContained(string markdown)
    {
        // A note too deeply nested to parse cannot be shown to stay closed: treat it as open.
        return Web.MarkdownInput.TryParse(markdown.TrimEnd() + "\n\n" + Sentinel, null, out var document)
            && document.LastChild is ParagraphBlock { Inline: { } inline }
            && inline.FirstChild is LiteralInline literal
            && inline.FirstChild == inline.LastChild
            && literal.Content.ToString() == Sentinel;
    }

    /// <summary>A code fence longer than any run of backticks in the text.</summary>
    public static string FenceFor(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new string('`', Math.Max(3, longest + 1));
    }

    private static string Entity(char c) => c == '\t' ? "&#9;" : "&#32;";

    private static bool IsAllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return span.Length > 0;
    }

    [GeneratedRegex("^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")]
    private static partial Regex EntityLike();
}
