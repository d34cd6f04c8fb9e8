using NewsReader.Articles.Parsing;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

public sealed class WireTextParserTests
{
    private static ParsedArticle ParseFixture(string name) =>
        WireTextParser.Parse(TextDecoder.Decode(File.ReadAllBytes(Paths.Fixture(name))));

    [Fact]
    public void Header_dateline_subheading_and_title_from_the_lede()
    {
        var article = ParseFixture("wire-basic.txt");

        Assert.Equal(["Lena Marsh", "Daniel Okoye"], article.Authors);
        Assert.Equal(new DateOnly(2024, 3, 18), article.PublishedOn);
        Assert.Equal("OSLO", article.Place);
        Assert.Equal("Nordic Wire", article.Source);
        Assert.Equal("Norway's largest grid operator said on Sunday it would delay the retirement of two hydro…", article.Title);
        Assert.True(article.Title.Length <= Titles.MaxLength + 1);
        Assert.Equal(8, article.Blocks.Count);
        Assert.Equal(BlockKind.Heading, article.Blocks[4].Kind);
        Assert.Equal("WHAT IT MEANS FOR PRICES", article.Blocks[4].Text);
        Assert.StartsWith("OSLO, March 17 (Nordic Wire) – Norway's", article.Blocks[0].Text, StringComparison.Ordinal);
        Assert.All(article.Blocks.Where((_, i) => i != 4), b => Assert.Equal(BlockKind.Paragraph, b.Kind));
    }

    [Fact]
    public void Headline_block_is_the_title_and_not_a_paragraph()
    {
        var article = ParseFixture("wire-headline.txt");

        Assert.Equal("Coastal city pilots floating classrooms as seas rise", article.Title);
        Assert.Equal(["María José Ortega", "Ken'ichi Sato", "Priya Raman"], article.Authors);
        Assert.Equal(new DateOnly(2023, 12, 4), article.PublishedOn);
        Assert.Equal("Coastal Desk", article.Source);
        Assert.Equal("LAGOS", article.Place);
        Assert.Equal(3, article.Blocks.Count);
        Assert.StartsWith("LAGOS, Dec. 3 (Coastal Desk) — Lagos", article.Blocks[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hard_wrapped_lines_are_joined_into_paragraphs()
    {
        var article = ParseFixture("wire-hardwrapped.txt");

        Assert.Equal(4, article.Blocks.Count);
        Assert.Equal(
            "GENEVA, July 1 (Alpine News) - Negotiators from 40 countries agreed late on Thursday on the wording of a treaty that would, for the first time, set binding limits on plastic waste shipped across borders.",
            article.Blocks[0].Text);
        Assert.Equal(
            "Several delegates said the deal came together only after an all-night session in which the chair threatened to adjourn the talks.",
            article.Blocks[2].Text);
        Assert.Equal("Alpine News", article.Source);
    }

    [Fact]
    public void Without_any_blank_line_every_line_is_a_paragraph()
    {
        var article = ParseFixture("wire-lines.txt");

        Assert.Equal(["Oren Feld"], article.Authors);
        Assert.Equal(3, article.Blocks.Count);
        Assert.Equal("Shop owners were divided: some expect more foot traffic, others fear deliveries will suffer.", article.Blocks[1].Text);
        Assert.Equal("TEL AVIV", article.Place);
        Assert.Equal("The city council approved a plan on Thursday to close six central streets to cars on Fridays", article.Title);
    }

    [Fact]
    public void Crlf_and_bom_are_normalised_and_everything_else_kept()
    {
        var article = ParseFixture("wire-crlf-bom.txt");

        Assert.Equal(["Jo Bell"], article.Authors);
        Assert.Equal(new DateOnly(2020, 2, 29), article.PublishedOn);
        Assert.Equal(4, article.Blocks.Count);
        Assert.Equal("Passengers were “delighted”, the operator said — and not for the first time.", article.Blocks[1].Text);
        Assert.Equal(BlockKind.Heading, article.Blocks[2].Kind);
        Assert.DoesNotContain(article.Blocks, b => b.Text.Contains('\r') || b.Text.Contains('\uFEFF'));
    }

    [Fact]
    public void Right_to_left_text_emoji_and_non_breaking_spaces_survive_byte_for_byte()
    {
        var source = File.ReadAllText(Paths.Fixture("wire-rtl-emoji.txt"));
        var article = WireTextParser.Parse(source);

        var sourceBlocks = source.Split("\n\n").Skip(1).Select(b => b.Trim('\n')).ToList();
        Assert.Equal(sourceBlocks, article.Blocks.Select(b => b.Text));
        Assert.Contains("👩🏽‍🎤", article.Blocks[2].Text, StringComparison.Ordinal);
        Assert.Contains('\u200F', article.Blocks[2].Text);
    }

    [Fact]
    public void Markup_looking_text_is_kept_as_typed()
    {
        var article = ParseFixture("wire-literal-markup.txt");

        Assert.Equal("<script>alert(\"title\")</script> Developers warn of copy-paste attacks", article.Title);
        Assert.Equal(["Chris <script>alert(\"byline\")</script> Doe"], article.Authors);
        Assert.Contains("**not bold**, _not italic_, # not a heading and [a link](javascript:alert(1))", article.Blocks[1].Text, StringComparison.Ordinal);
        Assert.Equal("<img src=x onerror=\"alert('img')\"> An image tag in wire text is just text.", article.Blocks[2].Text);
    }

    [Theory]
    [InlineData("date 2021-01-12 By A and B", new[] { "A", "B" })]
    [InlineData("  DATE 2021-01-12 BY Ann Lee, Bo Park and Cy Diaz", new[] { "Ann Lee", "Bo Park", "Cy Diaz" })]
    [InlineData("date 2021-01-12 by Ann Lee, Bo Park, and Cy Diaz", new[] { "Ann Lee", "Bo Park", "Cy Diaz" })]
    [InlineData("date 2021-01-12 By Ann Lee,Bo Park", new[] { "Ann Lee", "Bo Park" })]
    [InlineData("date 2021-01-12 By Anderson Cooper and Sandra Band", new[] { "Anderson Cooper", "Sandra Band" })]
    [InlineData("date 2021-01-12", new string[0])]
    public void Header_names(string header, string[] expected)
    {
        var article = WireTextParser.Parse(header + "\n\nSome body text here.");
        Assert.Equal(expected, article.Authors);
        Assert.Equal(new DateOnly(2021, 1, 12), article.PublishedOn);
    }

    [Theory]
    [InlineData("WASHINGTON, Jan. 11 (Reuters) – Text.", "WASHINGTON", "Reuters")]
    [InlineData("NEW YORK, September 3 (AP) - Text.", "NEW YORK", "AP")]
    [InlineData("KYIV, Ukraine, Feb 24 (Reuters) — Text.", "KYIV, Ukraine", "Reuters")]
    [InlineData("SÃO PAULO (Agência Brasil) -- Text.", "SÃO PAULO", "Agência Brasil")]
    [InlineData("BRUSSELS/LONDON, Sept. 5 (Reuters) ‒ Text.", "BRUSSELS/LONDON", "Reuters")]
    public void Datelines_give_place_and_source_and_stay_in_the_text(string lede, string place, string source)
    {
        var article = WireTextParser.Parse(lede + "\n\nSecond paragraph.");
        Assert.Equal(place, article.Place);
        Assert.Equal(source, article.Source);
        Assert.Equal(lede, article.Blocks[0].Text);
        Assert.Equal("Text", article.Title);
    }

    [Theory]
    [InlineData("Iran has been a target (of the administration) - and more.")]
    [InlineData("The US Secretary said (Reuters) – no.")]
    public void Ordinary_sentences_are_not_datelines(string lede)
    {
        var article = WireTextParser.Parse(lede + "\n\nMore.");
        Assert.Null(article.Place);
        Assert.Null(article.Source);
    }

    [Fact]
    public void Date_without_a_valid_calendar_day_is_refused_with_the_line()
    {
        var error = Assert.Throws<ArticleFormatException>(() => WireTextParser.Parse("date 2021-02-30 By X\n\nText."));
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("2021-02-30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_alone_is_refused()
    {
        var error = Assert.Throws<ArticleFormatException>(() => WireTextParser.Parse("date 2021-01-12 By X\n\n\n"));
        Assert.Contains("no article text", error.Message, StringComparison.Ordinal);
    }
}
