namespace NewsReader.BrowserTests;

/// <summary>The site header a reader uses on every page: sign-out, display settings, navigation.</summary>
public sealed class HeaderTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static ILocator Header(IPage page) => page.Locator("header.site-header");

    [Fact]
    public async Task The_header_sign_out_button_ends_the_session_from_every_page()
    {
        var article = await ImportAsync("wire-basic.txt");
        foreach (var url in new[] { "/", article, "/notes", "/Account/Password" })
        {
            var page = await SignedInPageAsync();
            await page.GotoAsync(url);
            var response = await page.RunAndWaitForResponseAsync(
                () => Header(page).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync(),
                r => r.Request.Method == "POST");
            Assert.True(response.Status is 302 or 303, $"{url}: signing out answered {response.Status}");
            await Assertions.Expect(Header(page).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

            // Over on the server too: the notes page asks for a sign-in again.
            await page.GotoAsync("/notes");
            Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task Every_script_runs_once_and_each_display_button_acts_once_per_click()
    {
        var page = await SignedInPageAsync(new BrowserNewContextOptions { ColorScheme = ColorScheme.Light });
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Each script file is fetched (and so evaluated) once, whatever URL imports it.
        var scripts = await page.EvaluateAsync<string[]>(
            "() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname.split('/').pop()).filter(n => n.endsWith('.js'))");
        Assert.Contains("app.js", scripts);
        Assert.Contains("reader.js", scripts);
        Assert.Equal(scripts.Distinct().Order(), scripts.Order());

        var toggle = Header(page).GetByRole(AriaRole.Button, new() { Name = "Dark theme" });
        await toggle.ClickAsync();
        Assert.Equal("dark", await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme"));
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await toggle.ClickAsync();
        Assert.Equal("light", await page.EvaluateAsync<string>("() => document.documentElement.dataset.theme"));

        await Header(page).GetByRole(AriaRole.Button, new() { Name = "Larger text" }).ClickAsync();
        Assert.Equal("1", await page.EvaluateAsync<string>("() => document.documentElement.dataset.fontSize"));
        await Header(page).GetByRole(AriaRole.Button, new() { Name = "Smaller text" }).ClickAsync();
        await Header(page).GetByRole(AriaRole.Button, new() { Name = "Smaller text" }).ClickAsync();
        Assert.Equal("-1", await page.EvaluateAsync<string>("() => document.documentElement.dataset.fontSize"));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Text_size_buttons_show_only_where_they_change_the_reading_text()
    {
        var article = await ImportAsync("wire-headline.txt");
        var page = await SignedInPageAsync();
        foreach (var url in new[] { "/", "/notes", "/Account/Password", "/import/annotations" })
        {
            await page.GotoAsync(url);
            await Assertions.Expect(Header(page).GetByRole(AriaRole.Button, new() { Name = "Dark theme" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Larger text" })).ToHaveCountAsync(0);
        }

        await page.GotoAsync(article);
        var before = await page.Locator("[data-article-body]").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        await Header(page).GetByRole(AriaRole.Button, new() { Name = "Larger text" }).ClickAsync();
        var after = await page.Locator("[data-article-body]").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(after.TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture)
            > double.Parse(before.TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture), $"{before} -> {after}");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_navigation_marks_the_current_page()
    {
        var page = await AdminPageAsync();
        foreach (var (url, name) in new[] { ("/", "Library"), ("/notes", "My notes"), ("/import", "Import"), ("/Account/Password", "Account") })
        {
            await page.GotoAsync(url);
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
            await Assertions.Expect(nav.Locator("[aria-current='page']")).ToHaveCountAsync(1);
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_signed_in_header_fits_on_two_rows_on_a_phone()
    {
        var page = await AdminPageAsync(Phone());
        foreach (var url in new[] { "/", await ImportAsync("wire-basic.txt"), "/notes" })
        {
            await page.GotoAsync(url);
            var rows = await Header(page).EvaluateAsync<int>(
                """
                header => {
                  const centres = [...header.querySelectorAll('a, button, input')]
                    .filter(e => !e.classList.contains('skip-link') && e.getClientRects().length > 0)
                    .map(e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; })
                    .sort((a, b) => a - b);
                  let rows = 0, last = -1e9;
                  for (const c of centres) { if (c - last > 12) { rows += 1; last = c; } }
                  return rows;
                }
                """);
            if (rows > 2)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "newsreader-header-rows.png") });
            }

            Assert.True(rows <= 2, $"{url}: the header takes {rows} rows at 390 px");
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"{url}: the page is wider than the phone");
        }

        AssertNoPageErrors();
    }
}
