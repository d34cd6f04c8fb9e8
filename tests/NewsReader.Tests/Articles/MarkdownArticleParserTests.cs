using NewsReader.Articles.Parsing;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

public sealed class MarkdownArticleParserTests
{
    private static readonly ParsedArticle Article = MarkdownArticleParser.Parse(File.ReadAllText(Paths.Fixture("markdown-frontmatter.md")));

    [Fact]
    public void Front_matter_gives_title_authors_date_and_source()
    {
        Assert.Equal("Night trains return to the Alps", Article.Title);
        Assert.Equal(["Hanna Berger", "Luca Moretti"], Article.Authors);
        Assert.Equal(new DateOnly(2024, 10, 20), Article.PublishedOn);
        Assert.Equal("Rail Weekly", Article.Source);
    }

    [Fact]
    public void Blocks_keep_structure_and_exact_text()
    {
        var kinds = Article.Blocks.Select(b => (b.Kind, b.Text)).ToList();
        Assert.Equal((BlockKind.Heading, "This heading is not the title because front matter has one"), kinds[0]);
        Assert.Equal((BlockKind.Paragraph, "The first night train in a decade left Zurich for Vienna on Sunday, carrying 300 passengers and a brass band."), kinds[1]);
        Assert.Equal((BlockKind.Heading, "Why now"), kinds[2]);
        Assert.Contains((BlockKind.ListItem, "with showers in every carriage"), kinds);
        Assert.Contains((BlockKind.Quote, "\"It feels like the old days, only with Wi-Fi,\" said one passenger."), kinds);
        Assert.Contains((BlockKind.Code, "code keeps   its spacing\nand lines"), kinds);

        var nested = Article.Blocks.Single(b => b.Text == "with showers in every carriage");
        Assert.Equal(1, nested.Level);
        var numbered = Article.Blocks.Where(b => b.Ordered).ToList();
        Assert.Equal([1, 2], numbered.Select(b => b.Number));
    }

    [Fact]
    public void Emphasis_and_safe_links_become_spans()
    {
        var lede = Article.Blocks[1];
        var spans = lede.Inlines!;
        Assert.Contains(spans, s => s.Kind == InlineKind.Strong && lede.Text[s.Start..s.End] == "night train");
        Assert.Contains(spans, s => s.Kind == InlineKind.Emphasis && lede.Text[s.Start..s.End] == "Zurich");
        Assert.Contains(spans, s => s.Kind == InlineKind.Link && s.Href == "https://example.com/band" && lede.Text[s.Start..s.End] == "a brass band");
    }

    [Fact]
    public void Raw_html_stays_literal_text_and_unsafe_links_lose_their_target()
    {
        Assert.Contains(Article.Blocks, b => b.Text == "<script>alert('raw html block')</script>");
        var hostile = Article.Blocks.Single(b => b.Text.StartsWith("A paragraph with", StringComparison.Ordinal));
        Assert.Contains("<b>inline html</b>", hostile.Text, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)>", hostile.Text, StringComparison.Ordinal);
        Assert.Contains("a hostile link", hostile.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(hostile.Inlines ?? [], s => s.Kind == InlineKind.Link);
        Assert.DoesNotContain(Article.Blocks.SelectMany(b => b.Inlines ?? []), s => s.Href is not null && !s.Href.StartsWith("http", StringComparison.Ordinal) && !s.Href.StartsWith("mailto:", StringComparison.Ordinal));
    }

    [Fact]
    public void Autolinks_and_email_links_are_kept()
    {
        var contact = Article.Blocks.Single(b => b.Text.StartsWith("Contact the desk", StringComparison.Ordinal));
        Assert.Contains(contact.Inlines!, s => s.Href == "mailto:desk@example.com");
        Assert.Contains(contact.Inlines!, s => s.Href == "https://example.com/rail");
    }

    [Fact]
    public void First_level_one_heading_is_the_title_without_front_matter()
    {
        var article = MarkdownArticleParser.Parse("# The real title\n\nBody *text*.\n\n# Another section\n\nMore.");
        Assert.Equal("The real title", article.Title);
        Assert.Equal(BlockKind.Heading, article.Blocks[1].Kind);
        Assert.Equal(2, article.Blocks[1].Level);
    }

    [Fact]
    public void Invalid_front_matter_is_a_clear_error()
    {
        var error = Assert.Throws<ArticleFormatException>(() => MarkdownArticleParser.Parse("---\ntitle: [unclosed\n---\n\nText."));
        Assert.Contains("front matter", error.Message, StringComparison.Ordinal);
        var date = Assert.Throws<ArticleFormatException>(() => MarkdownArticleParser.Parse("---\ndate: yesterday\n---\n\nText."));
        Assert.Contains("yesterday", date.Message, StringComparison.Ordinal);
    }
}
