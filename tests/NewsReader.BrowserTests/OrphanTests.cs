namespace NewsReader.BrowserTests;

/// <summary>A highlight whose text an edit removed is listed, keeps its note, and can be re-attached or deleted.</summary>
public sealed class OrphanTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Original = """
        date 2025-02-02 By Ines Varga

        Bridge reopens after a winter of repairs

        BUDAPEST, Feb. 1 (River Desk) – The old chain bridge reopened to traffic on Saturday after four months of repairs.

        Engineers replaced 300 rivets and repainted the towers in their original grey, the city said.

        Cyclists will have a separate lane for the first time.
        """;

    private const string Edited = """
        date 2025-02-02 By Ines Varga

        Bridge reopens after a winter of repairs

        BUDAPEST, Feb. 1 (River Desk) – The old chain bridge reopened to traffic on Saturday after four months of repairs.

        The city published a full list of the work, from foundations to lamp posts, on its website.

        Cyclists will have a separate lane for the first time.
        """;

    [Fact]
    public async Task A_detached_highlight_keeps_its_note_and_can_be_reattached_to_new_text()
    {
        var name = $"bridge-{Guid.NewGuid():N}.txt";
        var path = (await App.ImportAsync(name, Original)).Path!;
        var page = await SignedInPageAsync();
        await page.GotoAsync(path);
        await SelectAsync(page, "replaced 300 rivets");
        await page.Keyboard.PressAsync("h");
        await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("Check the *rivet* count");
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();

        var reimport = await App.ImportAsync(name, Edited);
        Assert.Equal(1, reimport.Reanchored!.Orphaned);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-article-body] mark")).ToHaveCountAsync(0);
        var orphans = page.Locator("[data-orphans]");
        await Assertions.Expect(orphans).ToBeVisibleAsync();
        await Assertions.Expect(orphans.Locator(".note-quote")).ToHaveTextAsync("replaced 300 rivets");
        await Assertions.Expect(orphans.Locator(".note-body em")).ToHaveTextAsync("rivet");

        await orphans.GetByRole(AriaRole.Button, new() { Name = "Re-attach" }).ClickAsync();
        await SelectAsync(page, "a full list of the work");
        var reattach = Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Re-attach here" });
        await Assertions.Expect(reattach).ToBeVisibleAsync();
        await reattach.ClickAsync();

        await Assertions.Expect(Marks(page, "a full list of the work")).ToHaveCountAsync(1);
        await Assertions.Expect(orphans).ToBeHiddenAsync();
        await page.ReloadAsync();
        await Assertions.Expect(Marks(page, "a full list of the work")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-note-list] .note-body em")).ToHaveTextAsync("rivet");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task My_notes_lists_detached_highlights_and_deletes_them()
    {
        var name = $"bridge-{Guid.NewGuid():N}.txt";
        var path = (await App.ImportAsync(name, Original)).Path!;
        var page = await SignedInPageAsync();
        await page.GotoAsync(path);
        await SelectAsync(page, "repainted the towers");
        await HighlightWithKeyAsync(page);
        await App.ImportAsync(name, Edited);

        await page.GotoAsync("/notes");
        var item = page.Locator(".note-item.orphan");
        await Assertions.Expect(item).ToContainTextAsync("repainted the towers");
        await Assertions.Expect(item).ToContainTextAsync("Detached");
        await Assertions.Expect(item.GetByRole(AriaRole.Link, new() { Name = "Re-attach" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"\?reattach=[0-9a-f-]+#notes$"));

        await item.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Highlight deleted.");
        await Assertions.Expect(page.Locator(".note-item.orphan")).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Highlighting_on_a_page_the_article_changed_under_says_so_and_leaves_no_mark()
    {
        var name = $"bridge-{Guid.NewGuid():N}.txt";
        var path = (await App.ImportAsync(name, Original)).Path!;
        var page = await SignedInPageAsync();
        await page.GotoAsync(path);
        await App.ImportAsync(name, Edited);

        await SelectAsync(page, "replaced 300 rivets");
        await page.Keyboard.PressAsync("h");

        await Assertions.Expect(page.Locator("[data-toast]")).ToContainTextAsync("Could not highlight");
        await Assertions.Expect(page.Locator("[data-toast]")).ToContainTextAsync("reload the page");
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("[data-article-body] mark").CountAsync());
    }
}
