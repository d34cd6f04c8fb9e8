using System.Net;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Library;

/// <summary>The library by the reader's own state: what each filter lists, the marks on each entry, paging, and what a visitor sees.</summary>
public sealed class LibraryPageTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private async Task<string> ImportAsync(string title, string date) =>
        (await _app.ImportAsync($"{title}.txt", $"date {date} By Ana Ruiz\n\n{title}\n\nHARBOURTON, Jan. 5 (Coast Desk) – The {title} was discussed at the council.\n")).Slug!;

    private static async Task<string[]> SlugsAsync(HttpClient client, string url)
    {
        var document = await client.GetDocumentAsync(url);
        return document.QuerySelectorAll(".article-card-title a").Select(a => a.GetAttribute("href")!["/articles/".Length..]).ToArray();
    }

    [Fact]
    public async Task Each_filter_lists_by_the_readers_state_and_each_entry_shows_it()
    {
        var read = await ImportAsync("ferry report", "2024-01-03");
        var favourite = await ImportAsync("bridge report", "2024-01-02");
        var archived = await ImportAsync("tunnel report", "2024-01-01");
        var reader = await _app.RegisterAsync("library@example.com");
        await (await reader.PatchJsonAsync($"/api/articles/{read}/state", new { read = true, progress = 1 })).JsonAsync(HttpStatusCode.OK);
        await (await reader.PatchJsonAsync($"/api/articles/{favourite}/state", new { favorite = true, progress = 0.4 })).JsonAsync(HttpStatusCode.OK);
        await (await reader.PatchJsonAsync($"/api/articles/{archived}/state", new { archived = true })).JsonAsync(HttpStatusCode.OK);
        await reader.HighlightAsync(_app, favourite, "bridge report");

        Assert.Equal([read, favourite], await SlugsAsync(reader, "/"));                     // archived ones are put away
        Assert.Equal([favourite], await SlugsAsync(reader, "/?filter=unread"));
        Assert.Equal([favourite], await SlugsAsync(reader, "/?filter=favorites"));
        Assert.Equal([archived], await SlugsAsync(reader, "/?filter=archived"));

        var page = await reader.GetDocumentAsync("/");
        var cards = page.QuerySelectorAll(".article-card");
        Assert.Equal("true", cards[0].GetAttribute("data-read"));
        Assert.Contains("Read", cards[0].QuerySelector(".reader-marks")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("100% read", cards[0].TextContent, StringComparison.Ordinal);
        var marks = cards[1].QuerySelector(".reader-marks")!.TextContent;
        Assert.Contains("Unread", marks, StringComparison.Ordinal);
        Assert.Contains("Favourite", marks, StringComparison.Ordinal);
        Assert.Contains("1 highlight", marks, StringComparison.Ordinal);
        Assert.Contains("40% read", marks, StringComparison.Ordinal);
        Assert.Equal("40", cards[1].QuerySelector("progress")!.GetAttribute("value"));
        Assert.Equal("All", page.QuerySelector(".filter-bar a[aria-current=page]")!.TextContent);
        Assert.Equal("Favourites", (await reader.GetDocumentAsync("/?filter=favorites")).QuerySelector(".filter-bar a[aria-current=page]")!.TextContent);
    }

    [Fact]
    public async Task A_visitor_and_another_reader_see_the_whole_library_unmarked()
    {
        var kept = await ImportAsync("harbour report", "2024-01-02");
        var put = await ImportAsync("quay report", "2024-01-01");
        var reader = await _app.RegisterAsync("owner@example.com");
        await (await reader.PatchJsonAsync($"/api/articles/{put}/state", new { archived = true })).JsonAsync(HttpStatusCode.OK);

        var visitor = _app.Browser();
        Assert.Equal([kept, put], await SlugsAsync(visitor, "/"));
        var plain = await visitor.GetDocumentAsync("/");
        Assert.Null(plain.QuerySelector(".filter-bar"));
        Assert.Null(plain.QuerySelector(".reader-marks"));
        Assert.Equal([kept, put], await SlugsAsync(await _app.RegisterAsync("other@example.com"), "/"));
    }

    [Fact]
    public async Task Pages_of_50_keep_the_filter_and_a_wrong_filter_is_400()
    {
        for (var i = 0; i < 52; i++)
        {
            await ImportAsync($"report number {i}", $"2024-02-{1 + (i % 28):00}");
        }

        var reader = await _app.RegisterAsync("pages@example.com");
        var first = await reader.GetDocumentAsync("/?filter=unread");
        Assert.Equal(50, first.QuerySelectorAll(".article-card").Length);
        var older = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.StartsWith("/?filter=unread&before=", older, StringComparison.Ordinal);
        var second = await reader.GetDocumentAsync(older);
        Assert.Equal(2, second.QuerySelectorAll(".article-card").Length);
        Assert.Equal("/?filter=unread", second.QuerySelector(".pager a:not([rel])")!.GetAttribute("href"));
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));

        // Newer goes back up: the 50 before the second page's first, and from there no newer page.
        var newerLink = second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href")!;
        Assert.StartsWith("/?filter=unread&after=", newerLink, StringComparison.Ordinal);
        var newer = await reader.GetDocumentAsync(newerLink);
        Assert.Equal(
            first.QuerySelectorAll(".article-card-title a").Select(a => a.GetAttribute("href")),
            newer.QuerySelectorAll(".article-card-title a").Select(a => a.GetAttribute("href")));
        Assert.Null(newer.QuerySelector(".pager a[rel=prev]"));
        Assert.NotNull(newer.QuerySelector(".pager a[rel=next]"));
        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));

        var wrong = await reader.GetAsync("/?filter=<everything>", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var body = await wrong.Content.ReadAsStringAsync(Ct);
        Assert.Contains("&lt;everything&gt;", body, StringComparison.Ordinal);                   // named, and encoded
        Assert.Contains("choose unread, archived or favorites", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sorted_by_date_imported_the_newest_import_comes_first_and_pages_keep_the_sort()
    {
        // Published in reverse order of import: the two sorts disagree on every pair.
        var slugs = new List<string>();
        for (var i = 0; i < 52; i++)
        {
            slugs.Add(await ImportAsync($"import number {i}", new DateOnly(2023, 6, 1).AddDays(-i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var visitor = _app.Browser();
        var byDate = await SlugsAsync(visitor, "/");
        Assert.Equal(slugs[0], byDate[0]);                                     // the latest publication date
        var byImport = await visitor.GetDocumentAsync("/?sort=imported");
        var imported = byImport.QuerySelectorAll(".article-card-title a").Select(a => a.GetAttribute("href")!["/articles/".Length..]).ToArray();
        Assert.Equal(Enumerable.Reverse(slugs).Take(50), imported);
        Assert.Equal("Date imported", byImport.QuerySelector("nav[aria-label='Sort by'] a[aria-current=page]")!.TextContent);

        var older = byImport.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.StartsWith("/?sort=imported&before=", older, StringComparison.Ordinal);
        Assert.Equal([slugs[1], slugs[0]], await SlugsAsync(visitor, older));

        var reader = await _app.RegisterAsync("sorted@example.com");
        Assert.Equal(imported, await SlugsAsync(reader, "/?sort=imported"));
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/?sort=popular", Ct)).StatusCode);
    }
}
