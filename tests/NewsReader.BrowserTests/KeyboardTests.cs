namespace NewsReader.BrowserTests;

/// <summary>A reader with a keyboard only: focus lands where the work continues, and nothing is 40 Tabs away.</summary>
public sealed class KeyboardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}|${e.getAttribute('data-edit') ?? ''}|${(e.textContent ?? '').trim()}` : ''; }");

    [Fact]
    public async Task After_saving_a_note_focus_returns_to_the_highlights_edit_button()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));

        // A new highlight: saved with the Save button.
        await SelectAsync(page, "two hydro plants");
        await page.Keyboard.PressAsync("h");
        await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("Which two?");
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();
        var id = await Marks(page, "two hydro plants").GetAttributeAsync("data-highlight-id");
        await Assertions.Expect(page.Locator($"[data-notes-panel] button[data-edit='{id}']")).ToBeFocusedAsync();

        // An existing one, opened from its Edit button and saved with Ctrl+Enter.
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await page.Keyboard.TypeAsync(" Both in the west.");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator($"[data-notes-panel] button[data-edit='{id}']")).ToBeFocusedAsync();
        Assert.DoesNotContain("body|", await FocusedAsync(page), StringComparison.Ordinal);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Skip_to_notes_and_paragraph_links_out_of_the_tab_order_put_the_notes_a_few_tabs_away()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to notes" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Article note" })).ToBeFocusedAsync();

        // From the start of the content, the notes panel is a few Tabs away, not one per paragraph.
        await page.GotoAsync(page.Url.Split('#')[0]);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        var tabs = 0;
        while (tabs < 10 && !await page.GetByRole(AriaRole.Textbox, new() { Name = "Article note" }).EvaluateAsync<bool>("e => e === document.activeElement"))
        {
            await page.Keyboard.PressAsync("Tab");
            tabs++;
        }

        Assert.True(tabs <= 3, $"the article note is {tabs} Tabs after the content starts");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('a.pl')].filter(a => a.tabIndex >= 0).length"));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_paragraphs_link_is_copied_with_l_where_the_caret_is()
    {
        var page = await NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var path = await ImportAsync("wire-headline.txt");
        await page.GotoAsync(path);
        var second = page.Locator("[data-block]").Nth(1);
        var id = await second.GetAttributeAsync("id");

        await SelectAsync(page, "recycled plastic");
        await page.Keyboard.PressAsync("l");
        await Assertions.Expect(page.Locator("[data-toast]")).ToContainTextAsync("Link to this paragraph copied");
        Assert.Equal($"{Fixture.BaseUrl}{path}#{id}", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Assertions.Expect(page.Locator(".keyboard-help kbd", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^l$") })).ToBeAttachedAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_selection_toolbar_is_reached_with_t_and_walked_with_arrow_keys()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));
        await Assertions.Expect(page.Locator(".keyboard-help kbd", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^t$") })).ToBeAttachedAsync();

        await SelectAsync(page, "ten-year average");
        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("t");
        var highlight = Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Highlight", Exact = true });
        await Assertions.Expect(highlight).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Yellow" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Pink" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(highlight).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Blue" })).ToBeFocusedAsync();
        // One Tab stop for the whole toolbar (roving focus).
        Assert.Equal(1, await Toolbar(page).EvaluateAsync<int>("t => [...t.querySelectorAll('button')].filter(b => !b.hidden && b.tabIndex === 0).length"));

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await Assertions.Expect(Marks(page, "ten-year average")).ToHaveAttributeAsync("data-color", "blue");
        AssertNoPageErrors();
    }
}
