using NewsReader.Articles.Parsing;

namespace NewsReader.Articles;

/// <summary>An article's opening paragraph as a short plain summary (the page's meta description).</summary>
public static class Lede
{
    /// <summary>What search engines show of a description, about.</summary>
    public const int MaxLength = 160;

    public static string? Of(IReadOnlyList<ArticleBlock> blocks)
    {
        var lede = blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph && !string.IsNullOrWhiteSpace(b.Text))
            ?? blocks.FirstOrDefault(b => !string.IsNullOrWhiteSpace(b.Text));
        return lede is null ? null : Shorten(lede.Text, MaxLength);
    }

    /// <summary>Whitespace runs become one space; text over <paramref name="max"/> is cut at a word and ends with "…".</summary>
    public static string Shorten(string text, int max)
    {
        var flat = new StringBuilder(Math.Min(text.Length, max * 2));
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (flat.Length > 0 && flat[^1] != ' ')
                {
                    flat.Append(' ');
                }
            }
            else
            {
                flat.Append(c);
            }

            if (flat.Length > max)
            {
                break;
            }
        }

        var result = flat.ToString().TrimEnd();
        if (result.Length <= max)
        {
            return result;
        }

        // Room for the ellipsis; a word boundary if there is one in the second half, else a character boundary.
        var cut = result.LastIndexOf(' ', max - 1);
        if (cut < max / 2)
        {
            cut = max - 1;
            if (char.IsLowSurrogate(result[cut]))
            {
                cut--;
            }
        }

        return result[..cut].TrimEnd(' ', ',', ';', ':', '–', '—', '-') + "…";
    }
}
