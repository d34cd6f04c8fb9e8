using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NewsReader.Annotations;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Notes;

/// <summary>
/// My notes with more highlights than one page and than the count cap: a reader with 1,010
/// highlights on a recent article and 3 older ones on another, written straight to the database.
/// </summary>
public sealed class MyNotesPagingTests(MyNotesPagingTests.App app) : IClassFixture<MyNotesPagingTests.App>
{
    public sealed class App : TestApp, IAsyncLifetime
    {
        public const int Recent = 1_010;

        public HttpClient Reader { get; private set; } = null!;

        public string RecentSlug { get; private set; } = "";

        public string OlderSlug { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            OlderSlug = (await this.ImportFixtureAsync("wire-rtl-emoji.txt")).Slug!;
            RecentSlug = (await this.ImportFixtureAsync("wire-basic.txt")).Slug!;
            Reader = await this.RegisterAsync("pages@example.com");
            await WithDbAsync(async db =>
            {
                var userId = await db.Users.Where(u => u.Email == "pages@example.com").Select(u => u.Id).SingleAsync();
                var articles = await db.Articles.ToDictionaryAsync(a => a.Slug, a => (a.Id, a.CurrentRevisionId));
                var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                Highlight Make(string slug, int n, string color) => new()
                {
                    Id = Guid.NewGuid(),
                    UserId = userId,
                    ArticleId = articles[slug].Id,
                    RevisionId = articles[slug].CurrentRevisionId,
                    StartAnchor = "p1",
                    EndAnchor = "p1",
                    EndOffset = 4,
                    Exact = $"quote {n}",
                    Color = color,
                    CreatedAt = start.AddMinutes(n),
                    UpdatedAt = start.AddMinutes(n),
                    Tags = color == "green" ? [new HighlightTag { UserId = userId, Name = "even" }] : [],
                };
                db.Highlights.AddRange(Enumerable.Range(0, 3).Select(n => Make(OlderSlug, n, "blue")));
                db.Highlights.AddRange(Enumerable.Range(100, Recent).Select(n => Make(RecentSlug, n, n % 2 == 0 ? "green" : "yellow")));
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task Counts_up_to_the_cap_and_pages_newest_first()
    {
        var first = await app.Reader.GetDocumentAsync("/notes");
        Assert.Equal("More than 1,000 highlights", first.QuerySelector("#results-heading")!.TextContent.Trim());
        Assert.Equal(Quotes(1109, 1060), QuotesOn(first));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        var next = first.QuerySelector("a[rel=next]")!;
        Assert.Equal("Older notes", next.TextContent);
        Assert.Equal("/notes?p=2", next.GetAttribute("href"));

        var second = await app.Reader.GetDocumentAsync("/notes?p=2");
        Assert.Equal(Quotes(1059, 1010), QuotesOn(second));
        Assert.Equal("/notes", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("Newer notes", second.QuerySelector("a[rel=prev]")!.TextContent);

        var last = await app.Reader.GetDocumentAsync("/notes?p=21");
        Assert.Equal(["quote 109", "quote 108", "quote 107", "quote 106", "quote 105", "quote 104", "quote 103", "quote 102",
            "quote 101", "quote 100", "quote 2", "quote 1", "quote 0"], QuotesOn(last));
        Assert.Null(last.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task A_colour_filter_holds_across_pages_and_is_counted_exactly_below_the_cap()
    {
        var first = await app.Reader.GetDocumentAsync("/notes?color=green");
        Assert.Equal("505 highlights match", first.QuerySelector("#results-heading")!.TextContent.Trim());
        Assert.All(first.QuerySelectorAll("li.note-item"), i => Assert.Equal("green", i.GetAttribute("data-color")));
        Assert.Equal("/notes?color=green&p=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));

        var second = await app.Reader.GetDocumentAsync("/notes?color=green&p=2");
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"quote {1008 - (2 * i)}"), QuotesOn(second));
        Assert.Equal("green", Selected(second, "filter-color"));
        Assert.Equal(["All tags", "#even (505)"], second.GetElementById("filter-tag")!.QuerySelectorAll("option").Select(o => o.TextContent));
    }

    [Fact]
    public async Task The_article_filter_offers_the_latest_highlights_articles_and_the_chosen_one()
    {
        var page = await app.Reader.GetDocumentAsync("/notes");
        Assert.Equal(["", app.RecentSlug], Options(page, "filter-article"));

        // An article left out of the list is still one click away in the by-article view.
        var byArticle = await app.Reader.GetDocumentAsync("/notes?view=articles");
        var only = byArticle.QuerySelector($"a[data-filter-article='{app.OlderSlug}']");
        Assert.NotNull(only);
        Assert.Equal($"/notes?view=articles&article={app.OlderSlug}", only.GetAttribute("href"));

        var chosen = await app.Reader.GetDocumentAsync($"/notes?article={app.OlderSlug}");
        Assert.Equal(app.OlderSlug, Selected(chosen, "filter-article"));
        Assert.Contains(app.OlderSlug, Options(chosen, "filter-article"));
        Assert.Equal(["quote 2", "quote 1", "quote 0"], QuotesOn(chosen));
        Assert.Equal("3 highlights match", chosen.QuerySelector("#results-heading")!.TextContent.Trim());
    }

    private static IEnumerable<string> Quotes(int from, int to) =>
        Enumerable.Range(to, from - to + 1).Reverse().Select(n => $"quote {n}");

    private static List<string> QuotesOn(IHtmlDocument page) =>
        page.QuerySelectorAll("ol.note-list > li a.note-quote").Select(a => a.TextContent).ToList();

    private static List<string?> Options(IHtmlDocument page, string id) =>
        page.GetElementById(id)!.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).ToList();

    private static string? Selected(IHtmlDocument page, string id) =>
        page.GetElementById(id)!.QuerySelectorAll("option").SingleOrDefault(o => o.HasAttribute("selected"))?.GetAttribute("value");
}
