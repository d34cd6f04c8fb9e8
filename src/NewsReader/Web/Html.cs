namespace NewsReader.Web;

/// <summary>Minimal HTML escaping for text and double-quoted attributes; every other character passes through as is.</summary>
public static class Html
{
    public static void Encode(StringBuilder builder, ReadOnlySpan<char> text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var replacement = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }

            builder.Append(text[start..i]).Append(replacement);
            start = i + 1;
        }

        builder.Append(text[start..]);
    }

    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        Encode(builder, text);
        return builder.ToString();
    }
}
