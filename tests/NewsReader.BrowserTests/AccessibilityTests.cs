namespace NewsReader.BrowserTests;

/// <summary>axe-core (WCAG 2.0–2.2 A and AA rules) on every kind of page, in the light and the dark theme.</summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Public_pages_pass_axe_in_both_themes()
    {
        var path = await ImportAsync("markdown-frontmatter.md");
        var page = await NewPageAsync();
        foreach (var url in new[] { "/", path, "/Account/Login", "/Account/Register", "/articles/not-here" })
        {
            await page.GotoAsync(url);
            await AssertAccessibleAsync(page, url);
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_reading_view_with_highlights_toolbar_and_editor_passes_axe_in_both_themes()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));
        foreach (var (phrase, color) in new[] { ("Norway's largest grid operator", "Yellow"), ("two hydro plants", "Green"), ("dry winter", "Blue"), ("higher power prices", "Pink") })
        {
            await SelectAsync(page, phrase);
            await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = color }).ClickAsync();
            await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync($"A note on *{phrase}*");
            await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(Editor(page)).ToBeHiddenAsync();
        }

        await page.ReloadAsync();
        await AssertAccessibleAsync(page, "article with highlights");

        await SelectAsync(page, "The decision reverses");
        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "toolbar");
        await page.Keyboard.PressAsync("t");
        await Assertions.Expect(Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Highlight", Exact = true })).ToBeFocusedAsync();
        await AssertAccessibleAsync(page, "toolbar focused from the keyboard");
        await page.Keyboard.PressAsync("Escape");

        await page.Locator("mark[data-color='green']").First.ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "editor");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Signed_in_pages_pass_axe_in_both_themes()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-rtl-emoji.txt"));
        await SelectAsync(page, "tickets sold out");
        await page.Keyboard.PressAsync("h");
        await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Tags", Exact = true }).FillAsync("festival");
        await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("A *note*");
        await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeHiddenAsync();

        await MakeAdministratorAsync(page);                // a fresh sign-in picks up the administrator role

        foreach (var url in new[] { "/notes", "/notes?view=articles", "/import/annotations", "/Account/Password", "/import", "/Account/Logout" })
        {
            await page.GotoAsync(url);
            await AssertAccessibleAsync(page, url);
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task Pages_and_states_pass_axe_on_a_phone_with_touch()
    {
        var article = await ImportAsync("wire-basic.txt");
        var visitor = await NewPageAsync(Phone());
        foreach (var url in new[] { "/", article, "/Account/Login", "/Account/Register", "/articles/not-here" })
        {
            await visitor.GotoAsync(url);
            await AssertAccessibleAsync(visitor, $"phone, visitor: {url}");
        }

        var page = await AdminPageAsync(Phone());
        await SetColorMeaningAsync(page, "yellow", "Key claim");
        foreach (var url in new[] { "/", article, "/notes", "/notes?view=articles", "/import", "/import/annotations", "/Account/Password", "/Account/Logout" })
        {
            await page.GotoAsync(url);
            await AssertAccessibleAsync(page, $"phone, signed in: {url}");
        }

        await page.GotoAsync(article);
        await SelectAsync(page, "The decision reverses");
        await Assertions.Expect(Toolbar(page).GetByText("Key claim")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "phone: toolbar with colour meanings");
        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Highlight", Exact = true }).TapAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "phone: editor");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Error_pages_and_the_first_visit_notice_pass_axe()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Context.ClearCookiesAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("someone@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("expired");
        await AssertAccessibleAsync(page, "expired form (400)");

        await page.GotoAsync("/export?format=md");
        await AssertAccessibleAsync(page, "sign in on the way to an export");
        // No AssertNoPageErrors: the browser logs the 400 this test provokes.
    }

    [Fact]
    public async Task The_editor_fields_have_the_names_the_contract_gives_them()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-headline.txt"));
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Article note" })).ToBeVisibleAsync();

        await SelectAsync(page, "floating classrooms");
        foreach (var name in new[] { "Highlight", "Yellow", "Green", "Blue", "Pink" })
        {
            await Assertions.Expect(Toolbar(page).GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await page.Keyboard.PressAsync("h");
        // Without exact matching too: while the dialog is open, "Note" must resolve to the dialog's textarea only.
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Note" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Theme_and_text_size_are_remembered_and_keyboard_focus_is_visible()
    {
        var page = await NewPageAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Light });
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));

        const string DarkBackground = "rgb(22, 24, 27)";
        const string LightBackground = "rgb(253, 252, 249)";
        Task<string> Background() => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal(LightBackground, await Background());
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.Equal(DarkBackground, await Background());
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await toggle.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Larger text" }).ClickAsync();
        await page.ReloadAsync();
        Assert.Equal("dark", await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme"));
        Assert.Equal(DarkBackground, await Background());
        Assert.Equal("1", await page.EvaluateAsync<string>("() => document.documentElement.dataset.fontSize"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" })).ToHaveAttributeAsync("aria-pressed", "true");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        var outline = await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Paragraph_links_copy_a_deep_link_that_marks_the_paragraph()
    {
        var page = await NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var path = await ImportAsync("wire-headline.txt");
        await page.GotoAsync(path);
        var paragraph = page.Locator("[data-block]").Nth(1);
        var id = await paragraph.GetAttributeAsync("id");

        await paragraph.GetByRole(AriaRole.Link, new() { Name = "Link to paragraph 2" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-toast]")).ToContainTextAsync("Link to this paragraph copied");
        Assert.Equal($"{Fixture.BaseUrl}{path}#{id}", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        Assert.EndsWith($"#{id}", page.Url, StringComparison.Ordinal);

        await page.GotoAsync("/");
        await page.GotoAsync($"{path}#{id}");
        await Assertions.Expect(page.Locator($"#{id}")).ToBeInViewportAsync();
        Assert.True(await page.Locator($"#{id}").EvaluateAsync<bool>("e => e.matches(':target')"));
        AssertNoPageErrors();
    }
}
