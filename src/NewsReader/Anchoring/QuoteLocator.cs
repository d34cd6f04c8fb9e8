using NewsReader.Articles;

namespace NewsReader.Anchoring;

/// <summary>
/// Finds a W3C TextQuoteSelector (exact, prefix, suffix) in an article's text: the search step
/// of re-anchoring, also used to restore annotations from other tools. Returns offsets in
/// <see cref="ArticleText.Text"/>, or null when the quote is not found with confidence.
/// </summary>
public static class QuoteLocator
{
    /// <summary>One quote in a text (the text is indexed for it: to find many, keep a <see cref="QuoteSearch"/>).</summary>
    public static (int Start, int End)? Locate(ArticleText text, string exact, string prefix, string suffix, int? expectedStart = null) =>
        Locate(new QuoteSearch(text), exact, prefix, suffix, expectedStart);

    public static (int Start, int End)? Locate(QuoteSearch search, string exact, string prefix, string suffix, int? expectedStart = null) =>
        search.Find(exact, prefix, suffix, expectedStart) is { } match ? (match.Start, match.End) : null;
}
