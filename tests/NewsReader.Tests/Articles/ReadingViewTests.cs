using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using NewsReader.Articles;
using NewsReader.Articles.Import;
using NewsReader.Articles.Parsing;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

public sealed class ReadingViewTests(ReadingViewTests.App app) : IClassFixture<ReadingViewTests.App>
{
    public sealed class App : TestApp;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Slug, IReadOnlyList<ArticleBlock> Blocks)> ImportAsync(string fixture)
    {
        var result = await app.ImportFixtureAsync(fixture);
        Assert.NotNull(result.Slug);
        var json = await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == result.Slug)
            .Join(db.ArticleRevisions, a => a.CurrentRevisionId, r => r.Id, (a, r) => r.BlocksJson).SingleAsync(Ct));
        return (result.Slug!, StoredBlocks.Deserialize(json));
    }

    private static void AssertBlocksRendered(IDocument page, IReadOnlyList<ArticleBlock> blocks)
    {
        var elements = page.QuerySelectorAll("article [data-block]");
        Assert.Equal(blocks.Select(b => b.Anchor), elements.Select(e => e.Id));
        Assert.Equal(blocks.Select(b => b.Text), elements.Select(e => e.TextContent));
    }

    [Fact]
    public async Task The_reference_article_renders_with_its_metadata_and_every_block_exact()
    {
        var source = Directory.GetFiles(Paths.SharedSeedArticles, "*.txt").Single();
        var result = await app.WithScopeAsync(s => s.GetRequiredService<ArticleImporter>().ImportFileAsync(source, Ct));
        var page = await app.Browser().GetDocumentAsync(result.Path!);

        var h1 = Assert.Single(page.QuerySelectorAll("h1"));
        var lede = File.ReadAllText(source).Split("\n\n")[1];
        var ledeWithoutDateline = lede[(lede.IndexOf('–', StringComparison.Ordinal) + 2)..];
        Assert.EndsWith("…", h1.TextContent, StringComparison.Ordinal);
        Assert.StartsWith(h1.TextContent[..^1], ledeWithoutDateline, StringComparison.Ordinal);
        var byline = page.QuerySelector(".article-header .byline")!.TextContent;
        var names = File.ReadLines(source).First().Split(" By ", 2)[1].Split(" and ");
        Assert.All(names, name => Assert.Contains(name.Trim(), byline, StringComparison.Ordinal));
        Assert.Equal("2021-01-12", page.QuerySelector(".article-header time")!.GetAttribute("datetime"));
        Assert.Equal("Reuters", page.QuerySelector(".article-header .source")!.TextContent);

        var sourceBlocks = File.ReadAllText(source).Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(b => b.Trim()).ToList();
        var elements = page.QuerySelectorAll("article [data-block]");
        Assert.Equal(sourceBlocks, elements.Select(e => e.TextContent));
        Assert.Equal(16, elements.Count(e => e.TagName == "P"));
        var heading = Assert.Single(elements, e => e.TagName == "H2");
        Assert.Equal(6, elements.Index(heading));
    }

    [Theory]
    [InlineData("wire-basic.txt")]
    [InlineData("wire-headline.txt")]
    [InlineData("wire-hardwrapped.txt")]
    [InlineData("wire-lines.txt")]
    [InlineData("wire-crlf-bom.txt")]
    [InlineData("wire-rtl-emoji.txt")]
    [InlineData("latin1-windows1252.txt")]
    [InlineData("utf16-bom.txt")]
    [InlineData("markdown-frontmatter.md")]
    public async Task Every_fixture_renders_each_block_as_one_element_with_its_exact_text(string fixture)
    {
        var (slug, blocks) = await ImportAsync(fixture);
        var page = await app.Browser().GetDocumentAsync($"/articles/{slug}");

        AssertBlocksRendered(page, blocks);
        Assert.All(page.QuerySelectorAll("article p[data-block]"), p => Assert.Equal("auto", p.GetAttribute("dir")));
    }

    [Fact]
    public async Task Markup_in_wire_text_and_titles_is_shown_as_typed_and_never_runs()
    {
        var (slug, blocks) = await ImportAsync("wire-literal-markup.txt");
        var response = await app.Browser().GetAsync($"/articles/{slug}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var page = Html.Parse(html);

        Assert.Equal("<script>alert(\"title\")</script> Developers warn of copy-paste attacks", page.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("<script>alert(\"title\")</script>", page.Title, StringComparison.Ordinal);
        AssertBlocksRendered(page, blocks);
        Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), "inline script: " + s.OuterHtml));
        Assert.Empty(page.QuerySelectorAll("article img, article a[href^='javascript'], [onerror], [onclick], [style]"));
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_markdown_keeps_structure_but_no_html_or_unsafe_links()
    {
        var (slug, blocks) = await ImportAsync("markdown-frontmatter.md");
        var page = await app.Browser().GetDocumentAsync($"/articles/{slug}");
        var body = page.QuerySelector("[data-article-body]")!;

        Assert.Equal("Night trains return to the Alps", page.QuerySelector("h1")!.TextContent);
        Assert.Empty(body.QuerySelectorAll("script, img, b, iframe"));
        Assert.All(body.QuerySelectorAll("a:not(.pl)"), a => Assert.Matches("^(https://|mailto:)", a.GetAttribute("href")!));
        Assert.Equal("https://example.com/band", body.QuerySelector("a[href='https://example.com/band']")!.GetAttribute("href"));
        Assert.NotNull(body.QuerySelector("strong"));
        Assert.NotNull(body.QuerySelector("ol > li[value='2']"));
        Assert.NotNull(body.QuerySelector("blockquote > p[data-block]"));
        Assert.Contains(blocks, b => b.Text.Contains("javascript:", StringComparison.Ordinal) is false && b.Text.Contains("hostile link", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_1500_paragraph_article_with_repeats_renders_every_block_with_a_unique_anchor()
    {
        var text = new StringBuilder("date 2022-02-02 By Long Writer\n\nThe longest story of the year, in fifteen hundred parts\n\n");
        for (var i = 0; i < 1500; i++)
        {
            text.Append(i % 10 == 0 ? "This paragraph repeats throughout the article." : $"Paragraph {i} tells part {i} of the story, with some words to read.")
                .Append("\n\n");
        }

        var result = await app.ImportAsync("long.txt", text.ToString());
        var page = await app.Browser().GetDocumentAsync(result.Path!);
        var blocks = page.QuerySelectorAll("[data-block]");

        Assert.Equal(1500, blocks.Length);
        Assert.Equal(1500, blocks.Select(b => b.Id).Distinct().Count());
        Assert.Equal("This paragraph repeats throughout the article.", blocks[1490].TextContent);
        Assert.Contains("long", page.QuerySelector("[data-article-body]")!.ClassList);
    }

    [Fact]
    public async Task Plain_text_is_the_blocks_joined_by_a_blank_line()
    {
        var (slug, blocks) = await ImportAsync("wire-rtl-emoji.txt");
        var response = await app.Browser().GetAsync($"/articles/{slug}.txt", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(string.Join("\n\n", blocks.Select(b => b.Text)), await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/articles/no-such-article.txt", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_articles_get_a_friendly_404_page()
    {
        var response = await app.Browser().GetAsync("/articles/no-such-article", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Not found", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Paragraph_links_point_at_their_own_anchor()
    {
        var (slug, _) = await ImportAsync("wire-headline.txt");
        var page = await app.Browser().GetDocumentAsync($"/articles/{slug}");
        foreach (var paragraph in page.QuerySelectorAll("article p[data-block]"))
        {
            var link = paragraph.QuerySelector("a.pl")!;
            Assert.Equal("#" + paragraph.Id, link.GetAttribute("href"));
            Assert.StartsWith("Link to paragraph", link.GetAttribute("aria-label"), StringComparison.Ordinal);
            Assert.Equal("", link.TextContent);
        }
    }
}

public sealed class LibraryTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Library_lists_newest_first_with_metadata_and_pages_by_keyset()
    {
        for (var i = 0; i < 55; i++)
        {
            await _app.ImportAsync($"a{i}.txt", $"date 2020-01-{i % 28 + 1:00} By Writer {i}\n\nHeadline number {i}\n\nBody {i}.");
        }

        var client = _app.Browser();
        var first = await client.GetDocumentAsync("/");
        var cards = first.QuerySelectorAll(".article-card");
        Assert.Equal(50, cards.Length);
        var dates = cards.Select(c => c.QuerySelector("time")!.GetAttribute("datetime")!).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
        Assert.Contains("By Writer", cards[0].QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("min read", cards[0].QuerySelector(".reading-time")!.TextContent, StringComparison.Ordinal);

        var older = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(older);
        var rest = second.QuerySelectorAll(".article-card h2").Select(h => h.TextContent).ToList();
        Assert.Equal(5, rest.Count);
        Assert.Empty(rest.Intersect(cards.Select(c => c.QuerySelector("h2")!.TextContent)));
        Assert.Null(second.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Library_cards_show_what_each_article_has_and_nothing_it_lacks()
    {
        // The library reads its rows on a plain connection (LibraryQuery), so every
        // column's stored form is checked here: JSON authors (non-ASCII), dates, absent values.
        await _app.ImportAsync("alps.md", "---\ntitle: Night trains\nauthors:\n  - Zoë Ørsted\n  - \"Luca \\\"Lu\\\" Moretti\"\ndate: 2024-10-20\nsource: Rail Weekly\n---\n\nThe first night train left.");
        await _app.ImportAsync("undated.txt", "Nobody dated this one\n\nA plain paragraph without byline or date.");

        var cards = (await _app.Browser().GetDocumentAsync("/")).QuerySelectorAll(".article-card");

        var undated = cards.Single(c => c.QuerySelector("h2")!.TextContent.Contains("Nobody dated", StringComparison.Ordinal));
        Assert.Null(undated.QuerySelector("time"));
        Assert.Null(undated.QuerySelector(".byline"));
        Assert.Null(undated.QuerySelector(".source"));
        var alps = cards.Single(c => c.QuerySelector("h2")!.TextContent == "Night trains");
        Assert.Equal("By Zoë Ørsted and Luca \"Lu\" Moretti", alps.QuerySelector(".byline")!.TextContent);
        Assert.Equal("2024-10-20", alps.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("Rail Weekly", alps.QuerySelector(".source")!.TextContent);
        Assert.Equal("/articles/night-trains", alps.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(cards[0], undated);                                   // no date: sorted by its import date, today
    }

    [Fact]
    public async Task A_fresh_database_gets_the_sample_article_unless_turned_off()
    {
        using var seeded = new TestApp();
        seeded.Settings["NewsReader:SeedSampleArticle"] = "true";
        var library = await seeded.Browser().GetDocumentAsync("/");
        var link = library.QuerySelector(".article-card a")!;
        var article = await seeded.Browser().GetDocumentAsync(link.GetAttribute("href")!);
        Assert.True(article.QuerySelectorAll("[data-block]").Length > 5);

        var empty = await _app.Browser().GetDocumentAsync("/");
        Assert.Empty(empty.QuerySelectorAll(".article-card"));
    }
}
