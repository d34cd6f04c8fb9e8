using System.Security.Cryptography;

namespace NewsReader.Articles;

/// <summary>
/// Anchor ids derived from each block's content, so a block keeps its anchor when other blocks
/// are inserted, removed or edited around it. The hash is over the block text after Unicode
/// NFKC and whitespace collapsing, so re-wrapping or re-spacing a paragraph keeps its anchor.
/// Repeats of the same text get <c>-2</c>, <c>-3</c>… in document order.
/// </summary>
public static class BlockAnchors
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string[] Assign(IReadOnlyList<string> texts)
    {
        var anchors = new string[texts.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            var key = "p-" + Hash(texts[i]);
            var count = seen.TryGetValue(key, out var n) ? n + 1 : 1;
            seen[key] = count;
            anchors[i] = count == 1 ? key : $"{key}-{count}";
        }

        return anchors;
    }

    /// <summary>Eight base-32 characters (40 bits) of SHA-256 over the normalised text.</summary>
    public static string Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text)), digest);
        ulong bits = 0;
        for (var i = 0; i < 5; i++)
        {
            bits = (bits << 8) | digest[i];
        }

        Span<char> chars = stackalloc char[8];
        for (var i = 7; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return new string(chars);
    }

    public static string Normalize(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
