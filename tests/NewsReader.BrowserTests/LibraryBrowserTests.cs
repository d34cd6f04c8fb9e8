namespace NewsReader.BrowserTests;

/// <summary>The signed-in library's filter bar and marks, as a reader uses them, on a desktop and a phone, in both themes.</summary>
public sealed class LibraryBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_filter_bar_shows_the_readers_articles_and_passes_axe_everywhere()
    {
        var article = await ImportAsync("wire-basic.txt");
        foreach (var options in new[] { new BrowserNewContextOptions(), Phone() })
        {
            var page = await SignedInPageAsync(options);
            await page.GotoAsync(article);
            await page.GetByRole(AriaRole.Toolbar, new() { Name = "Reading state" }).GetByRole(AriaRole.Button, new() { Name = "Favourite", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Favourite", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");

            await page.GotoAsync("/");
            var filters = page.GetByRole(AriaRole.Navigation, new() { Name = "Show" });
            await filters.GetByRole(AriaRole.Link, new() { Name = "Favourites" }).ClickAsync();
            await page.WaitForURLAsync("**/?filter=favorites");
            await Assertions.Expect(filters.GetByRole(AriaRole.Link, new() { Name = "Favourites" })).ToHaveAttributeAsync("aria-current", "page");
            await Assertions.Expect(page.Locator(".article-card")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator(".article-card .reader-marks")).ToContainTextAsync("Favourite");

            var what = options.HasTouch == true ? "phone" : "desktop";
            await AssertAccessibleAsync(page, $"{what}: the library, favourites");
            await page.GotoAsync("/?filter=archived");
            await AssertAccessibleAsync(page, $"{what}: the library, nothing archived");
            await page.GotoAsync("/?filter=nonsense");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("nonsense");
            await AssertAccessibleAsync(page, $"{what}: the library, a wrong filter");
        }

        AssertNoPageErrors();
    }
}
