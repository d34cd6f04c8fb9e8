using System.Text.Json;

namespace NewsReader.BrowserTests;

/// <summary>
/// The reading state on the article page: the Favourite / Archive toggles and Mark as read, and
/// the reader's place saved as they scroll (no click) and found again when they come back.
/// </summary>
public sealed class ReadingStateBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static ILocator StateButton(IPage page, string name) =>
        page.GetByRole(AriaRole.Toolbar, new() { Name = "Reading state" }).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>A long article of its own (every test its own, so the state starts empty): 60 paragraphs.</summary>
    private async Task<string> LongArticleAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var paragraphs = Enumerable.Range(1, 60).Select(n =>
            $"Paragraph {n} of the harbour report {id}: the ferry timetable, the sea wall repairs and the council's budget were discussed at length, and residents asked for more time to study the plans before the vote.");
        var text = $"date 2024-03-18 By Ana Ruiz\n\nHarbour report {id}\n\nHARBOURTON, March 17 (Coast Desk) – {string.Join("\n\n", paragraphs)}\n";
        return (await App.ImportAsync($"long-{id}.txt", text)).Path!;
    }

    private static async Task<JsonElement> StateAsync(IPage page, string article) =>
        await page.EvaluateAsync<JsonElement>($"() => fetch('/api{article}/state').then(r => r.json())");

    private static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        for (var waited = 0; waited < 10_000; waited += 250)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Fail(failure);
    }

    [Fact]
    public async Task Favourite_archive_and_mark_as_read_say_their_state_and_keep_it()
    {
        var article = await LongArticleAsync();
        var page = await SignedInPageAsync();
        await page.GotoAsync(article);

        await Assertions.Expect(StateButton(page, "Favourite")).ToHaveAttributeAsync("aria-pressed", "false");
        await StateButton(page, "Favourite").ClickAsync();
        await Assertions.Expect(StateButton(page, "Favourite")).ToHaveAttributeAsync("aria-pressed", "true");
        await StateButton(page, "Archive").ClickAsync();
        await Assertions.Expect(StateButton(page, "Archive")).ToHaveAttributeAsync("aria-pressed", "true");
        await StateButton(page, "Mark as read").ClickAsync();
        await Assertions.Expect(StateButton(page, "Mark as unread")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Assertions.Expect(StateButton(page, "Favourite")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(StateButton(page, "Archive")).ToHaveAttributeAsync("aria-pressed", "true");
        await StateButton(page, "Mark as unread").ClickAsync();
        await StateButton(page, "Archive").ClickAsync();
        await Assertions.Expect(StateButton(page, "Mark as read")).ToBeVisibleAsync();
        await Assertions.Expect(StateButton(page, "Archive")).ToHaveAttributeAsync("aria-pressed", "false");

        // One Tab stop: the arrow keys move between the buttons.
        await StateButton(page, "Favourite").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(StateButton(page, "Archive")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(StateButton(page, "Mark as read")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(StateButton(page, "Favourite")).ToBeFocusedAsync();

        var state = await StateAsync(page, article);
        Assert.Equal((true, false, false), (state.GetProperty("favorite").GetBoolean(), state.GetProperty("archived").GetBoolean(), state.GetProperty("read").GetBoolean()));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task The_place_is_saved_while_scrolling_and_found_again_unless_the_link_names_one()
    {
        var article = await LongArticleAsync();
        var page = await SignedInPageAsync();
        await page.GotoAsync(article);
        await page.Mouse.WheelAsync(0, await page.EvaluateAsync<int>("() => Math.round(document.querySelector('[data-article-body]').offsetHeight / 2)"));

        // No click: the place is saved a moment after the scrolling stops.
        await UntilAsync(async () => (await StateAsync(page, article)).GetProperty("progress").GetDouble() > 0.2, "the place was not saved");
        var saved = (await StateAsync(page, article)).GetProperty("progress").GetDouble();
        Assert.InRange(saved, 0.2, 0.9);
        Assert.False((await StateAsync(page, article)).GetProperty("read").GetBoolean());

        var again = await page.Context.NewPageAsync();
        await again.GotoAsync(article);
        var note = again.GetByRole(AriaRole.Status).Filter(new() { HasTextString = "Continue where you left off" });
        await Assertions.Expect(note).ToBeVisibleAsync();
        Assert.True(await again.EvaluateAsync<double>("() => window.scrollY") > 300, "the page did not return to the saved place");
        await AssertAccessibleAsync(again, "the article, back at the reader's place");
        await note.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Assertions.Expect(note).ToBeHiddenAsync();

        var linked = await page.Context.NewPageAsync();
        var paragraph = await again.Locator("[data-article-body] [id^='p-']").First.GetAttributeAsync("id");
        await linked.GotoAsync($"{article}#{paragraph}");
        await Assertions.Expect(linked.GetByText("Continue where you left off")).ToBeHiddenAsync();
        Assert.True(await linked.EvaluateAsync<double>("() => window.scrollY") < 300, "a link to a paragraph was overruled by the saved place");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Reaching_the_end_marks_the_article_read()
    {
        var article = await LongArticleAsync();
        var page = await SignedInPageAsync(Phone());
        await page.GotoAsync(article);
        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('scroll'))");

        await UntilAsync(async () => (await StateAsync(page, article)).GetProperty("read").GetBoolean(), "reaching the end did not mark it read");
        await page.ReloadAsync();
        await Assertions.Expect(StateButton(page, "Mark as unread")).ToBeVisibleAsync();
        AssertNoPageErrors();
    }
}
