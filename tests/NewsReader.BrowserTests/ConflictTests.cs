namespace NewsReader.BrowserTests;

/// <summary>The same note edited in two tabs: the second save shows both versions and the reader chooses.</summary>
public sealed class ConflictTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_stale_highlight_edit_shows_both_versions_and_keep_mine_saves_it()
    {
        var tabA = await SignedInPageAsync();
        var path = await ImportAsync("wire-basic.txt");
        await tabA.GotoAsync(path);
        await SelectAsync(tabA, "ten-year average");
        await tabA.Keyboard.PressAsync("h");
        await Editor(tabA).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("first");
        await Editor(tabA).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Editor(tabA)).ToBeHiddenAsync();

        var tabB = await tabA.Context.NewPageAsync();
        await tabB.GotoAsync(path);
        await tabB.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Tab A changes the note; tab B still has the version before.
        await Marks(tabA, "ten-year average").ClickAsync();
        await Editor(tabA).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("changed in tab A");
        await Editor(tabA).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Editor(tabA)).ToBeHiddenAsync();

        await Marks(tabB, "ten-year average").ClickAsync();
        await Editor(tabB).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("written in tab B");
        await Editor(tabB).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var conflict = Editor(tabB).Locator("[data-editor-conflict]");
        await Assertions.Expect(conflict).ToBeVisibleAsync();
        await Assertions.Expect(conflict).ToContainTextAsync("changed in tab A");
        await Assertions.Expect(Editor(tabB).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true })).ToHaveValueAsync("written in tab B");
        await AssertAccessibleAsync(tabB, "editor showing a conflict");

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Keep mine" }).ClickAsync();
        await Assertions.Expect(Editor(tabB)).ToBeHiddenAsync();
        await tabA.ReloadAsync();
        await Assertions.Expect(tabA.Locator(".note-item .note-body")).ToHaveTextAsync("written in tab B");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_stale_article_note_shows_the_saved_version_and_it_can_be_taken()
    {
        var tabA = await SignedInPageAsync();
        var path = await ImportAsync("wire-headline.txt");
        await tabA.GotoAsync(path);
        var tabB = await tabA.Context.NewPageAsync();
        await tabB.GotoAsync(path);

        var noteA = tabA.GetByRole(AriaRole.Textbox, new() { Name = "Article note" });
        await noteA.FillAsync("Saved from tab A");
        await tabA.GetByRole(AriaRole.Button, new() { Name = "Save article note" }).ClickAsync();
        await Assertions.Expect(tabA.Locator("[data-toast]")).ToContainTextAsync("Article note saved");

        await tabB.GetByRole(AriaRole.Textbox, new() { Name = "Article note" }).FillAsync("Typed in tab B");
        await tabB.GetByRole(AriaRole.Button, new() { Name = "Save article note" }).ClickAsync();
        var conflict = tabB.Locator("[data-note-conflict]");
        await Assertions.Expect(conflict).ToContainTextAsync("Saved from tab A");
        await AssertAccessibleAsync(tabB, "article note showing a conflict");
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Use the saved version" }).ClickAsync();
        await Assertions.Expect(tabB.GetByRole(AriaRole.Textbox, new() { Name = "Article note" })).ToHaveValueAsync("Saved from tab A");
        await Assertions.Expect(conflict).ToBeHiddenAsync();

        // Having seen it, tab B's next save goes through.
        await tabB.GetByRole(AriaRole.Textbox, new() { Name = "Article note" }).FillAsync("Saved from tab A, and more");
        await tabB.GetByRole(AriaRole.Button, new() { Name = "Save article note" }).ClickAsync();
        await Assertions.Expect(tabB.Locator("[data-toast]")).ToContainTextAsync("Article note saved");
        AssertNoPageErrors();
    }
}
