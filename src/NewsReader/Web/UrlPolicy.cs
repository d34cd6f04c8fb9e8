namespace NewsReader.Web;

/// <summary>
/// Which link targets may be rendered as links anywhere (articles and notes): absolute http(s)
/// and mailto, and scheme-less relative references. Everything else (javascript:, data:,
/// vbscript:, obfuscated variants) is neutralised by the callers.
/// </summary>
public static class UrlPolicy
{
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
        var compact = new string(url.Where(c => c > ' ' && c != '\u007F').ToArray());
        if (compact.Length == 0)
        {
            return false;
        }

        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        var hasScheme = colon >= 0 && (firstDelimiter < 0 || colon < firstDelimiter);
        if (!hasScheme)
        {
            // A protocol-relative "//host" reference leaves the site but is still http(s).
            return true;
        }

        var scheme = compact[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }
}
