using System.Text.RegularExpressions;

namespace NewsReader.BrowserTests;

public sealed partial class HighlightingTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Select_highlight_write_a_note_and_reload_shows_both()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));

        await SelectAsync(page, "a dry winter left reservoirs");
        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Highlight", Exact = true }).ClickAsync();

        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await Assertions.Expect(Marks(page, "a dry winter left reservoirs")).ToHaveCountAsync(1);
        await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("**Driest** since records: [regulator](https://example.com/levels)");
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();

        await page.ReloadAsync();
        var mark = Marks(page, "a dry winter left reservoirs");
        await Assertions.Expect(mark).ToHaveCountAsync(1);
        await Assertions.Expect(mark).ToHaveAttributeAsync("data-color", "yellow");
        var item = page.Locator("[data-notes-panel] .note-item");
        await Assertions.Expect(item.Locator(".note-body strong")).ToHaveTextAsync("Driest");
        await Assertions.Expect(item.Locator(".note-body a")).ToHaveAttributeAsync("href", "https://example.com/levels");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_mouse_double_click_selects_a_word_and_a_colour_button_highlights_it()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-headline.txt"));

        await page.GetByText("Critics say the money").DblClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Green" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();

        var mark = page.Locator("[data-article-body] mark[data-color='green']");
        await Assertions.Expect(mark).ToHaveTextAsync("Critics");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-article-body] mark[data-color='green']")).ToHaveTextAsync("Critics");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Cross_paragraph_and_overlapping_highlights_keep_their_own_colours()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-hardwrapped.txt"));
        var paragraphs = await page.Locator("[data-block]").AllTextContentsAsync();

        await SelectAsync(page, "across borders.", "The text, seen by");
        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Blue" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        await SelectAsync(page, "shipped across");
        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Pink" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        await page.ReloadAsync();
        var marked = (await MarkedTextAsync(page)).Values.ToList();
        Assert.Contains("across borders.The text, seen by", marked);
        Assert.Contains("shipped across", marked);
        await Assertions.Expect(page.Locator("mark[data-color='blue'] mark[data-color='pink'], mark[data-color='pink'] mark[data-color='blue']")).Not.ToHaveCountAsync(0);
        Assert.Equal(paragraphs, await page.Locator("[data-block]").AllTextContentsAsync());
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_selection_made_with_the_keyboard_is_highlighted_with_h_and_saved_with_ctrl_enter()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-lines.txt"));

        await SelectAsync(page, "Shop");
        for (var i = 0; i < " owners were".Length; i++)
        {
            await page.Keyboard.PressAsync("Shift+ArrowRight");
        }

        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("h");
        var note = Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true });
        await Assertions.Expect(note).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Typed without a mouse");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();

        await page.ReloadAsync();
        await Assertions.Expect(Marks(page, "Shop owners were")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".note-item .note-body")).ToHaveTextAsync("Typed without a mouse");

        // Existing highlights open from the notes panel by keyboard too.
        await page.Locator(".note-item button[data-edit]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Delete_is_applied_at_once_and_undo_restores_the_same_highlight()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));
        await SelectAsync(page, "The operator will publish");
        await page.Keyboard.PressAsync("h");
        await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("keep me");
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var id = await Marks(page, "The operator will publish").GetAttributeAsync("data-highlight-id");

        await Marks(page, "The operator will publish").ClickAsync();
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(Marks(page, "The operator will publish")).ToHaveCountAsync(0);
        var deleted = await page.Context.APIRequest.GetAsync($"/api/highlights/{id}");
        Assert.Equal(404, deleted.Status);

        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(Marks(page, "The operator will publish")).ToHaveCountAsync(1);
        await page.ReloadAsync();
        var mark = Marks(page, "The operator will publish");
        await Assertions.Expect(mark).ToHaveAttributeAsync("data-highlight-id", id!);
        await Assertions.Expect(page.Locator(".note-item .note-body")).ToHaveTextAsync("keep me");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Hostile_notes_render_harmless()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-crlf-bom.txt"));
        await SelectAsync(page, "The leap-day ferry");
        await page.Keyboard.PressAsync("h");
        await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true })
            .FillAsync("<img src=x onerror=\"window.pwned=1;alert('xss')\"> and [click me](javascript:window.pwned=2) and <script>window.pwned=3</script>");
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();

        await page.ReloadAsync();
        var body = page.Locator(".note-item .note-body");
        await Assertions.Expect(body).ToContainTextAsync("<img src=x onerror=");
        Assert.Equal(0, await page.Locator(".notes-panel img, .notes-panel script").CountAsync());
        var link = body.GetByText("click me");
        await Assertions.Expect(link).ToBeVisibleAsync();
        Assert.Null(await link.EvaluateAsync<string?>("e => e.closest('a')?.getAttribute('href') ?? null"));
        await link.ClickAsync();
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Touch_selection_shows_the_toolbar_below_the_selection()
    {
        var page = await SignedInPageAsync(new BrowserNewContextOptions { HasTouch = true, IsMobile = true, ViewportSize = new() { Width = 390, Height = 844 } });
        await page.GotoAsync(await ImportAsync("wire-rtl-emoji.txt"));
        await SelectAsync(page, "tickets sold out in 40 minutes 🎉");

        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        var selection = await page.EvaluateAsync<double>("() => window.getSelection().getRangeAt(0).getBoundingClientRect().bottom");
        var toolbar = await Toolbar(page).BoundingBoxAsync();
        Assert.True(toolbar!.Y >= selection, $"toolbar at {toolbar.Y} should be below the selection ending at {selection}");

        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Highlight", Exact = true }).TapAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await Assertions.Expect(Marks(page, "tickets sold out in 40 minutes 🎉")).ToHaveCountAsync(1);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Right_to_left_text_with_emoji_is_highlighted_exactly()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-rtl-emoji.txt"));
        await SelectAsync(page, "«الشعر يجمع ما تفرقه السياسة» 📚");
        await HighlightWithKeyAsync(page);

        await page.ReloadAsync();
        Assert.Contains("«الشعر يجمع ما تفرقه السياسة» 📚", (await MarkedTextAsync(page)).Values);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_selection_starting_outside_the_article_is_clipped_to_it()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-lines.txt"));
        await page.EvaluateAsync(
            """
            () => {
              const range = document.createRange();
              range.setStart(document.querySelector('h1').firstChild, 0);
              const first = document.querySelector('[data-block]');
              const text = [...first.childNodes].find(n => n.nodeType === 3);
              range.setEnd(text, 8);
              getSelection().removeAllRanges();
              getSelection().addRange(range);
            }
            """);
        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        await HighlightWithKeyAsync(page);
        var marked = await MarkedTextAsync(page);
        Assert.True(marked.ContainsValue("TEL AVIV"), string.Join(" | ", marked.Values) + " / " + await page.Locator("[data-toast]").TextContentAsync());
        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_deep_link_to_a_highlight_scrolls_to_it_and_flashes_it()
    {
        var page = await SignedInPageAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1200, Height = 500 } });
        var path = await ImportAsync("wire-basic.txt");
        await page.GotoAsync(path);
        await SelectAsync(page, "The operator will publish a revised investment plan in June.");
        await HighlightWithKeyAsync(page);
        var id = await page.Locator("mark[data-highlight-id]").First.GetAttributeAsync("data-highlight-id");

        await page.GotoAsync("/");
        await page.GotoAsync($"{path}#h-{id}");
        var mark = page.Locator($"#h-{id}");
        await Assertions.Expect(mark).ToBeInViewportAsync();
        await Assertions.Expect(mark).ToHaveClassAsync(FlashClass());
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_editor_changes_colour_and_tags_and_copies_the_highlight_link()
    {
        var page = await SignedInPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var path = await ImportAsync("wire-headline.txt");
        await page.GotoAsync(path);
        await SelectAsync(page, "recycled plastic drums");
        await HighlightWithKeyAsync(page);

        await Marks(page, "recycled plastic drums").ClickAsync();
        await Editor(page).GetByRole(AriaRole.Radio, new() { Name = "Pink" }).CheckAsync();
        await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Tags", Exact = true }).FillAsync("materials, #Lagos");
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        var id = await Marks(page, "recycled plastic drums").GetAttributeAsync("data-highlight-id");
        Assert.Equal($"{Fixture.BaseUrl}{path}#h-{id}", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(Marks(page, "recycled plastic drums")).ToHaveAttributeAsync("data-color", "pink");
        await page.ReloadAsync();
        await Assertions.Expect(Marks(page, "recycled plastic drums")).ToHaveAttributeAsync("data-color", "pink");
        await Assertions.Expect(page.Locator(".note-item .tag")).ToHaveTextAsync(["#lagos", "#materials"]);
        AssertNoPageErrors();
    }

    [GeneratedRegex(@"\bflash\b")]
    private static partial Regex FlashClass();
}
