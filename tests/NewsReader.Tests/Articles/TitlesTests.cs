using NewsReader.Articles.Parsing;

namespace NewsReader.Tests.Articles;

public sealed class TitlesTests
{
    [Theory]
    [InlineData("Officials met on Monday. They agreed nothing.", "Officials met on Monday")]
    [InlineData("U.S. officials met Mr. Smith on Jan. 5 in Washington. Then left.", "U.S. officials met Mr. Smith on Jan. 5 in Washington")]
    [InlineData("George W. Bush spoke. Then others.", "George W. Bush spoke")]
    [InlineData("“We won,” she said. Others disagreed.", "“We won,” she said")]
    [InlineData("Is it over? Nobody knows.", "Is it over?")]
    public void First_sentence(string lede, string title) => Assert.Equal(title, Titles.FromLede(lede));

    [Fact]
    public void Long_sentences_are_cut_at_a_word_boundary_with_an_ellipsis()
    {
        var lede = "Negotiators from forty countries agreed late on Thursday on the wording of a long treaty that would set binding limits on plastic waste.";
        var title = Titles.FromLede(lede);

        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.True(title.Length <= Titles.MaxLength + 1, title);
        Assert.StartsWith(title[..^1], lede, StringComparison.Ordinal);
        Assert.Equal(' ', lede[title.Length - 1]);
    }
}
