namespace NewsReader.BrowserTests;

/// <summary>A reader on a phone (390×844, touch): nothing off screen, nothing jumping, nothing only in a tooltip.</summary>
public sealed class PhoneTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const int Height = 844;

    private static Task<double[]> RectAsync(IPage page, string script) => page.EvaluateAsync<double[]>(script);

    private static Task<double[]> SelectionRectAsync(IPage page) =>
        RectAsync(page, "() => { const r = getSelection().getRangeAt(0).getBoundingClientRect(); return [r.top, r.bottom]; }");

    private static Task<double[]> ToolbarRectAsync(IPage page) =>
        RectAsync(page, "() => { const r = document.querySelector('[data-toolbar]').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight]; }");

    [Fact]
    public async Task The_selection_toolbar_stays_on_screen_and_goes_above_a_selection_near_the_bottom()
    {
        var page = await SignedInPageAsync(Phone());
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));

        // A selection at the very bottom of the screen: below it there is no room.
        await page.Locator("[data-block]", new() { HasTextString = "Reservoir levels stood" }).EvaluateAsync("e => e.scrollIntoView({ block: 'end' })");
        await SelectAsync(page, "energy regulator on Friday.");
        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        var selection = await SelectionRectAsync(page);
        var toolbar = await ToolbarRectAsync(page);
        Assert.True(toolbar[0] >= 0 && toolbar[1] >= 0 && toolbar[2] <= toolbar[4] && toolbar[3] <= toolbar[5],
            $"toolbar at [{string.Join(", ", toolbar)}] is not fully on the screen");
        Assert.True(toolbar[3] <= selection[0], $"toolbar bottom {toolbar[3]} should be above the selection's top {selection[0]}");

        // At the top of the screen it goes below, as before.
        await page.Locator("[data-block]").First.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await SelectAsync(page, "Norway's largest grid operator");
        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(300);
        selection = await SelectionRectAsync(page);
        toolbar = await ToolbarRectAsync(page);
        Assert.True(toolbar[0] >= 0 && toolbar[1] >= 0 && toolbar[2] <= toolbar[4] && toolbar[3] <= toolbar[5],
            $"toolbar at [{string.Join(", ", toolbar)}] is not fully on the screen");
        Assert.True(toolbar[1] >= selection[1], "below the selection on touch when there is room");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_note_editor_keeps_save_in_the_top_sixty_percent_and_hides_the_keyboard_hint_on_touch()
    {
        var page = await SignedInPageAsync(Phone());
        await SetColorMeaningAsync(page, "yellow", "Key claim the article rests on");
        await SetColorMeaningAsync(page, "green", "Evidence from a named source");
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));
        await SelectAsync(page, "chief executive Ingrid Solberg told reporters in Oslo");
        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Highlight", Exact = true }).TapAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();

        var save = await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).BoundingBoxAsync();
        Assert.True(save!.Y + save.Height <= Height * 0.6, $"Save ends at {save.Y + save.Height} px of {Height}");
        await Assertions.Expect(Editor(page).Locator("kbd", new() { HasTextString = "Ctrl" })).ToBeHiddenAsync();

        // A desktop with a keyboard still sees it.
        var desktop = await SignedInPageAsync();
        await desktop.GotoAsync(page.Url);
        await SelectAsync(desktop, "chief executive");
        await desktop.Keyboard.PressAsync("h");
        await Assertions.Expect(Editor(desktop).Locator("kbd", new() { HasTextString = "Ctrl" })).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Pages_do_not_jump_after_they_load()
    {
        var article = await ImportAsync("wire-basic.txt");
        foreach (var options in new[] { Phone(), new BrowserNewContextOptions() })
        {
            var visitor = await NewPageAsync(options);
            var reader = await SignedInPageAsync(options);
            // Module scripts that arrive after the first paint, as on a slow connection: what they change, the reader sees move.
            foreach (var page in new[] { visitor, reader })
            {
                await page.RouteAsync(new System.Text.RegularExpressions.Regex(@"/(app|reader)\.js(\?|$)"), async route =>
                {
                    await Task.Delay(1500);
                    await route.ContinueAsync();
                });
            }

            foreach (var (page, url) in new[] { (visitor, "/"), (visitor, article), (reader, "/"), (reader, article), (reader, "/notes") })
            {
                await page.GotoAsync(url);
                var shift = await page.EvaluateAsync<double>(
                    """
                    () => new Promise(resolve => {
                      let total = 0;
                      new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
                        .observe({ type: 'layout-shift', buffered: true });
                      setTimeout(() => resolve(total), 1500);
                    })
                    """);
                Assert.True(shift <= 0.01, $"{url} ({options.ViewportSize?.Width ?? 1280} px): cumulative layout shift {shift}");
            }
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_long_email_address_wraps_instead_of_widening_the_account_page()
    {
        // The registered address is 51 characters without a break: it used to widen the page past
        // a phone's screen, which then zoomed out and put links where a tap did not reach them.
        var page = await SignedInPageAsync(Phone());
        foreach (var path in new[] { "/Account/Password", "/Account/Delete" })
        {
            await page.GotoAsync(path);
            var sizes = await page.EvaluateAsync<int[]>("() => [Math.max(document.documentElement.scrollWidth, window.innerWidth), screen.width]");
            var (width, viewport) = (sizes[0], sizes[1]);
            Assert.True(width <= viewport, $"{path} is {width} px wide on a {viewport} px phone");
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task Colour_meanings_show_as_text_in_the_toolbar_on_touch()
    {
        var page = await SignedInPageAsync(Phone());
        await SetColorMeaningAsync(page, "pink", "Question");
        await page.GotoAsync(await ImportAsync("wire-headline.txt"));
        await SelectAsync(page, "floating classrooms");
        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        await Assertions.Expect(Toolbar(page).GetByText("Question")).ToBeVisibleAsync();
        var toolbar = await ToolbarRectAsync(page);
        Assert.True(toolbar[0] >= 0 && toolbar[2] <= toolbar[4], $"toolbar [{string.Join(", ", toolbar)}] is wider than the screen");
        AssertNoPageErrors();
    }
}
