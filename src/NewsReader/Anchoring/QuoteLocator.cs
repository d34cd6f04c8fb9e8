using NewsReader.Articles;

namespace NewsReader.Anchoring;

/// <summary>
/// Finds a W3C TextQuoteSelector (exact, prefix, suffix) in an article's text: the search step
/// of re-anchoring, also used to restore annotations from other tools. Returns offsets in
/// <see cref="ArticleText.Text"/>, or null when the quote is not found with confidence.
/// </summary>
public static class QuoteLocator
{
    public static (int Start, int End)? Locate(ArticleText text, string exact, string prefix, string suffix, int? expectedStart = null) =>
        QuoteSearch.For(text).Find(exact, prefix, suffix, expectedStart) is { } match ? (match.Start, match.End) : null;
}
