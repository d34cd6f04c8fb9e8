using NewsReader.Tests.Infrastructure;

namespace NewsReader.BrowserTests;

/// <summary>Pages that lead somewhere: sign-in and back, errors that say what to do, text that stays readable.</summary>
public sealed class HelpfulPagesTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_visitor_opening_an_export_link_is_sent_to_sign_in_and_back_to_the_download()
    {
        var reader = await SignedInPageAsync();
        var email = await reader.EvaluateAsync<string>("() => fetch('/Account/Password').then(r => r.text()).then(t => /Signed in as <strong>([^<]+)/.exec(t)[1])");

        var page = await NewPageAsync();
        await page.GotoAsync("/export?format=csv");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Readers.Password);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);

        // Other pages that need an account do the same; the API keeps answering 401 problem details.
        var visitor = await NewPageAsync();
        foreach (var url in new[] { "/import/annotations", "/Account/Password", "/notes" })
        {
            await visitor.GotoAsync(url);
            Assert.Contains("/Account/Login?ReturnUrl=", visitor.Url, StringComparison.Ordinal);
        }

        var api = await visitor.Context.APIRequest.GetAsync("/api/colors");
        Assert.Equal(401, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task An_expired_form_names_the_likely_cause_and_links_back_to_the_page()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Context.ClearCookiesAsync();
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("someone@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("whatever-it-was");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("expired");
        var retry = main.Locator("a[href='/Account/Login']");
        await Assertions.Expect(retry).ToHaveCountAsync(1);
        await retry.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        // No AssertNoPageErrors: the browser logs the 400 this test provokes.
    }

    [Fact]
    public async Task The_library_and_each_article_have_a_meta_description()
    {
        var path = await ImportAsync("wire-basic.txt");
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        var library = await page.Locator("meta[name='description']").GetAttributeAsync("content");
        Assert.False(string.IsNullOrWhiteSpace(library));

        await page.GotoAsync(path);
        var description = await page.Locator("meta[name='description']").GetAttributeAsync("content");
        Assert.NotNull(description);
        Assert.StartsWith("OSLO, March 17 (Nordic Wire) – Norway's largest grid operator", description, StringComparison.Ordinal);
        Assert.InRange(description.Length, 50, 160);
        Assert.EndsWith("…", description, StringComparison.Ordinal);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Where_highlights_overlap_the_outer_one_stays_visible_in_both_themes()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));
        await SelectAsync(page, "two hydro plants by five years");
        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Yellow" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await SelectAsync(page, "hydro plants");
        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Pink" }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.ReloadAsync();

        var inner = page.Locator("mark[data-color='yellow'] mark[data-color='pink']");
        await Assertions.Expect(inner).ToHaveCountAsync(1);
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            var style = await inner.EvaluateAsync<string[]>(
                """
                inner => {
                  const outer = inner.parentElement.closest('mark[data-color="yellow"]');
                  const o = getComputedStyle(outer), i = getComputedStyle(inner);
                  return [o.textDecorationLine, o.textDecorationColor, o.color, i.backgroundColor];
                }
                """);
            Assert.Contains("underline", style[0], StringComparison.Ordinal);
            Assert.NotEqual(style[2], style[1]);

            // The outer colour is painted on the inner highlight's text: look at the pixels.
            await inner.ScrollIntoViewIfNeededAsync();
            var box = (await inner.BoundingBoxAsync())!;
            var png = await page.ScreenshotAsync(new() { Clip = new() { X = box.X, Y = box.Y, Width = box.Width, Height = box.Height + 8 } });
            var matching = await page.EvaluateAsync<int>(
                """
                async ([b64, color]) => {
                  const img = new Image();
                  img.src = 'data:image/png;base64,' + b64;
                  await img.decode();
                  const canvas = document.createElement('canvas');
                  canvas.width = img.width; canvas.height = img.height;
                  const ctx = canvas.getContext('2d');
                  ctx.drawImage(img, 0, 0);
                  const [r, g, b] = color.match(/\d+/g).map(Number);
                  const data = ctx.getImageData(0, 0, img.width, img.height).data;
                  let n = 0;
                  for (let k = 0; k < data.length; k += 4) if (Math.abs(data[k] - r) + Math.abs(data[k + 1] - g) + Math.abs(data[k + 2] - b) < 30) n++;
                  return n;
                }
                """, new object[] { Convert.ToBase64String(png), style[1] });
            Assert.True(matching >= box.Width, $"{scheme}: only {matching} pixels of the outer colour {style[1]} show on the inner highlight ({box.Width} px wide)");
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task A_drag_that_starts_and_ends_mid_word_takes_whole_words_but_the_keyboard_stays_exact()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync(await ImportAsync("wire-basic.txt"));

        async Task<(float X, float Y)> PointAsync(string phrase, int index)
        {
            var point = await page.EvaluateAsync<float[]>(
                """
                ([phrase, index]) => {
                  const walker = document.createTreeWalker(document.querySelector('[data-article-body]'), NodeFilter.SHOW_TEXT);
                  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    const at = n.data.indexOf(phrase);
                    if (at < 0) continue;
                    const range = document.createRange();
                    range.setStart(n, at + index);
                    range.setEnd(n, at + index + 1);
                    const r = range.getBoundingClientRect();
                    return [r.left + r.width / 2, r.top + r.height / 2];
                  }
                  throw new Error('not found: ' + phrase);
                }
                """, new object[] { phrase, index });
            // Whole pixels: Chromium starts no drag selection from a fractional mouse-down point here.
            return (MathF.Round(point[0]), MathF.Round(point[1]));
        }

        var start = await PointAsync("winter left reservoirs", 2);
        var end = await PointAsync("winter left reservoirs", "winter left res".Length);
        await page.Mouse.MoveAsync(start.X, start.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(end.X, end.Y, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(Toolbar(page)).ToBeVisibleAsync();
        string selected = "";
        for (var i = 0; i < 30 && selected != "winter left reservoirs"; i++)
        {
            await page.WaitForTimeoutAsync(100);
            selected = await page.EvaluateAsync<string>("() => getSelection().toString()");
        }

        Assert.Equal("winter left reservoirs", selected);
        await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Highlight", Exact = true }).ClickAsync();
        await Assertions.Expect(Editor(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Marks(page, "winter left reservoirs")).ToHaveCountAsync(1);
        Assert.Contains("winter left reservoirs", (await MarkedTextAsync(page)).Values);

        // The keyboard selects exact characters.
        await SelectAsync(page, "Sw");
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await HighlightWithKeyAsync(page);
        Assert.Contains("Swe", (await MarkedTextAsync(page)).Values);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_first_account_is_told_once_that_it_is_the_administrator()
    {
        await using var app = new TestApp();
        var root = BrowserFixture.Serve(app);

        var first = await SignedInPageAsync(root: root);
        var notice = first.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "administrator" });
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("import");
        await first.ReloadAsync();
        await Assertions.Expect(first.GetByText("You are the administrator")).ToHaveCountAsync(0);

        var second = await SignedInPageAsync(root: root);
        await Assertions.Expect(second.GetByText("You are the administrator")).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_editor_reads_a_colour_and_its_meaning_without_a_stray_space()
    {
        var page = await SignedInPageAsync();
        await SetColorMeaningAsync(page, "yellow", "Key claim");
        await page.GotoAsync(await ImportAsync("wire-lines.txt"));
        await SelectAsync(page, "Shop owners");
        await page.Keyboard.PressAsync("h");
        await Assertions.Expect(Editor(page).GetByRole(AriaRole.Radio, new() { Name = "Yellow: Key claim", Exact = true })).ToBeVisibleAsync();
        var label = await Editor(page).Locator("label.color-choice").First.InnerTextAsync();
        Assert.Equal("Yellow: Key claim", label.Trim());
        AssertNoPageErrors();
    }
}
