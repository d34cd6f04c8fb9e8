namespace NewsReader.BrowserTests;

/// <summary>Search as a reader uses it: the header's box on every page, "/", the results page, on a desktop and a phone.</summary>
public sealed class SearchBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static ILocator SearchBox(IPage page) =>
        page.Locator("header").GetByRole(AriaRole.Search).GetByRole(AriaRole.Searchbox, new() { Name = "Search", Exact = true });

    /// <summary>The result for one article; articles are shared by every test in the run, so other tests' imports may also match.</summary>
    private static ILocator ArticleResult(IPage page, string article) =>
        page.Locator("[data-result=article]").Filter(new() { Has = page.Locator($"a[href='{article}']") });

    private async Task<IPage> ReaderWithNoteAsync(string article, BrowserNewContextOptions? options = null)
    {
        var page = await SignedInPageAsync(options);
        await page.GotoAsync(article);
        await SelectAsync(page, "dry winter");
        await page.Keyboard.PressAsync("h");
        await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("Reservoirs: compare with the *hydrology* report");
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();
        return page;
    }

    [Fact]
    public async Task The_header_box_finds_articles_and_the_readers_notes_and_a_result_leads_to_the_highlight()
    {
        var article = await ImportAsync("wire-basic.txt");
        var page = await ReaderWithNoteAsync(article);

        await page.GotoAsync("/notes");
        await SearchBox(page).FillAsync("hydrology");
        await SearchBox(page).PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=hydrology");
        await Assertions.Expect(page.Locator("[data-result=highlight]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-result=highlight] mark")).ToHaveTextAsync("hydrology");
        await Assertions.Expect(SearchBox(page)).ToHaveValueAsync("hydrology");

        await page.GotoAsync("/");
        await SearchBox(page).FillAsync("reservoir levels");
        await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(ArticleResult(page, article)).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-result=highlight]")).ToHaveCountAsync(0);

        await SearchBox(page).FillAsync("winter");
        await SearchBox(page).PressAsync("Enter");
        await page.Locator("[data-result=highlight] a.note-quote").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/articles/[^#]+#h-"));
        await Assertions.Expect(page.Locator("mark.hl:target")).ToHaveTextAsync("dry winter");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Slash_goes_to_the_search_box_but_not_while_typing_in_a_field()
    {
        var article = await ImportAsync("wire-basic.txt");
        var page = await SignedInPageAsync();
        await page.GotoAsync(article);

        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(SearchBox(page)).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("grid");
        await Assertions.Expect(SearchBox(page)).ToHaveValueAsync("grid");

        await SearchBox(page).BlurAsync();
        await SelectAsync(page, "dry winter");
        await page.Keyboard.PressAsync("h");
        var note = Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true });
        await note.FocusAsync();
        await page.Keyboard.TypeAsync("either/or");
        await Assertions.Expect(note).ToHaveValueAsync("either/or");
        await Assertions.Expect(note).ToBeFocusedAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_hostile_search_shows_as_text_and_runs_nothing()
    {
        await ImportAsync("wire-basic.txt");
        var page = await NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GotoAsync("/");
        await SearchBox(page).FillAsync("<img src=x onerror=alert(1)> \"unbalanced -");
        await SearchBox(page).PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Search" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#results-heading")).ToContainTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Equal(0, dialogs);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Search_pages_pass_axe_on_a_desktop_and_a_phone_in_both_themes()
    {
        var article = await ImportAsync("wire-basic.txt");
        foreach (var options in new[] { new BrowserNewContextOptions(), Phone() })
        {
            var page = await ReaderWithNoteAsync(article, options);
            foreach (var url in new[] { "/search", "/search?q=winter", "/search?q=nothing+like+this", "/search?q=before%3Asomeday", "/notes?q=hydrology" })
            {
                await page.GotoAsync(url);
                await AssertAccessibleAsync(page, $"{(options.HasTouch == true ? "phone" : "desktop")}: {url}");
            }

            var visitor = await NewPageAsync(options);
            await visitor.GotoAsync("/search?q=winter");
            await Assertions.Expect(ArticleResult(visitor, article)).ToHaveCountAsync(1);
            await AssertAccessibleAsync(visitor, "visitor: /search?q=winter");
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task On_a_phone_the_search_box_fits_and_searches()
    {
        var article = await ImportAsync("wire-basic.txt");
        var page = await NewPageAsync(Phone());
        await page.GotoAsync("/");
        var box = SearchBox(page);
        await Assertions.Expect(box).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        var bounds = (await box.BoundingBoxAsync())!;
        Assert.True(bounds.X >= 0 && bounds.X + bounds.Width <= width, $"the box runs off the screen: {bounds.X}+{bounds.Width} of {width}");
        Assert.True(bounds.Height >= 24, $"the box is {bounds.Height}px tall");
        Assert.Equal(width, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));

        await box.TapAsync();
        await page.Keyboard.TypeAsync("reservoirs");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(ArticleResult(page, article)).ToHaveCountAsync(1);
        AssertNoPageErrors();
    }
}
