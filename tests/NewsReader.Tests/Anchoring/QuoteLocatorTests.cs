using NewsReader.Anchoring;
using NewsReader.Articles;
using NewsReader.Articles.Parsing;

namespace NewsReader.Tests.Anchoring;

/// <summary>Quote search on its own, as used to restore W3C TextQuoteSelectors from other tools.</summary>
public sealed class QuoteLocatorTests
{
    private static readonly ArticleText Article = Text(
        "The council approved the plan by seven votes to two after a long debate.",
        "“We have waited long enough,” said Agnes Whitlow, who runs a bakery on the island.",
        "Critics said the plan ignored the cost of the grid. The plan, they said, was rushed.",
        "Residents said the plan was welcome. Residents said the plan was welcome.");

    [Fact]
    public void Unique_exact_quote_is_found()
    {
        var at = Locate("who runs a bakery on the island", "", "");

        Assert.Equal(Article.Text.IndexOf("who runs a bakery", StringComparison.Ordinal), at?.Start);
    }

    [Fact]
    public void Quote_with_other_quote_marks_and_spacing_is_found_at_its_raw_offsets()
    {
        var at = Locate("\"We have  waited long enough,\" said", "", "");

        Assert.NotNull(at);
        Assert.Equal("“We have waited long enough,” said", Article.Slice(at.Value.Start, at.Value.End));
    }

    [Fact]
    public void Repeated_quote_is_placed_by_its_context()
    {
        var at = Locate("the plan", "Critics said ", " ignored the cost");

        Assert.Equal(Article.Text.IndexOf("the plan ignored", StringComparison.Ordinal), at?.Start);
    }

    [Fact]
    public void Quote_repeated_with_equal_context_is_ambiguous()
    {
        Assert.Null(Locate("Residents said the plan was welcome.", "", ""));
    }

    [Fact]
    public void Short_quote_without_context_is_not_guessed()
    {
        Assert.Null(Locate("plan", "", ""));
        Assert.Null(Locate("grid", "unrelated words before the ", " and unrelated after"));
    }

    [Fact]
    public void Short_quote_with_its_context_is_found()
    {
        var at = Locate("grid", "ignored the cost of the ", ". The plan, they");

        Assert.Equal(Article.Text.IndexOf("grid", StringComparison.Ordinal), at?.Start);
    }

    [Fact]
    public void Quote_with_a_typo_is_found_when_its_context_agrees_but_a_lookalike_without_it_is_not()
    {
        var withContext = Locate("The council aproved the plan by seven votes", "", " to two after a long debate.");
        var lookalike = Locate("The council approved the plan by nine votes", "Earlier, ", " in a short meeting.");

        Assert.Equal(0, withContext?.Start);
        Assert.Null(lookalike);
    }

    /// <summary>An empty prefix or suffix means "not known" (W3C selectors may omit them), not "at the edge of the article".</summary>
    [Fact]
    public void Expected_position_alone_does_not_break_a_tie()
    {
        var second = Article.Text.LastIndexOf("Residents said", StringComparison.Ordinal);

        Assert.Null(QuoteLocator.Locate(Article, "Residents said the plan was welcome.", "", "", expectedStart: second));
    }

    [Fact]
    public void Long_exact_quote_is_found_without_context()
    {
        var at = Locate("approved the plan by seven votes to two after a long debate", "somewhere else entirely ", " and more");

        Assert.Equal(Article.Text.IndexOf("approved", StringComparison.Ordinal), at?.Start);
    }

    private static (int Start, int End)? Locate(string exact, string prefix, string suffix) => QuoteLocator.Locate(Article, exact, prefix, suffix);

    private static ArticleText Text(params string[] paragraphs)
    {
        var anchors = BlockAnchors.Assign(paragraphs);
        return new ArticleText(paragraphs.Select((t, i) => new ArticleBlock(anchors[i], BlockKind.Paragraph, t)).ToList());
    }
}
