namespace NewsReader.BrowserTests;

/// <summary>
/// Article history as a reader meets it: the article page's "What changed" link under the byline,
/// the comparison with its marks, a folded run of unchanged paragraphs opened, an old revision
/// read from the list, and the notice about a detached highlight followed and dismissed — on a
/// desktop and a phone, axe clean in both themes.
/// </summary>
public sealed class HistoryBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static string Article(string id, string middle, string extra = "") =>
        $"date 2025-02-03 By Ada Lind\n\nTide gauge {id} to be replaced\n\n"
        + "BERGEN, Feb 2 (Coast Wire) – The harbour authority said on Sunday it would replace the old tide gauge before the spring storms.\n\n"
        + middle
        + string.Concat(Enumerable.Range(1, 8).Select(i => $"Background paragraph number {i} about the harbour's long record of measurements.\n\n"))
        + "Engineers expect the work to take three weeks and cost about four million crowns.\n\n" + extra;

    [Fact]
    public async Task A_reader_follows_what_changed_reads_an_old_revision_and_dismisses_the_notice()
    {
        foreach (var options in new[] { new BrowserNewContextOptions(), Phone() })
        {
            var what = options.HasTouch == true ? "phone" : "desktop";
            var id = Guid.NewGuid().ToString("N")[..8];
            var file = $"tide-{id}.txt";
            var path = (await App.ImportAsync(file, Article(id, "The gauge failed twice last winter.\n\n"))).Path!;
            var page = await SignedInPageAsync(options);
            await page.GotoAsync(path);
            await SelectAsync(page, "failed twice last winter");
            await HighlightWithKeyAsync(page);
            await Assertions.Expect(Marks(page, "failed twice last winter")).ToHaveCountAsync(1);

            await App.ImportAsync(file, Article(id, "", "The authority will publish hourly readings online.\n").Replace("three weeks", "five weeks", StringComparison.Ordinal));
            await page.GotoAsync(path);
            var notice = page.Locator("[data-revision-notice]");
            await Assertions.Expect(notice).ToContainTextAsync("1 of your highlights was detached.");
            await AssertAccessibleAsync(page, $"{what}: the article page with the revision notice");
            await notice.GetByRole(AriaRole.Link, new() { Name = "See detached highlights" }).ClickAsync();
            await Assertions.Expect(page.Locator("#orphans")).ToBeInViewportAsync();
            await Assertions.Expect(page.Locator("#orphans")).ToContainTextAsync("failed twice last winter");
            await notice.GetByRole(AriaRole.Button, new() { Name = "Dismiss this notice" }).ClickAsync();
            await Assertions.Expect(notice).ToHaveCountAsync(0);
            await page.ReloadAsync();
            await Assertions.Expect(notice).ToHaveCountAsync(0);

            await page.Locator("[data-updated]").GetByRole(AriaRole.Link, new() { Name = "What changed" }).ClickAsync();
            await page.WaitForURLAsync($"**{path}/changes");
            await Assertions.Expect(page.Locator("[data-diff] del")).ToHaveTextAsync(["The gauge failed twice last winter.", "three"]);
            await Assertions.Expect(page.Locator("[data-diff] ins")).ToHaveTextAsync(["five", "The authority will publish hourly readings online."]);
            var folded = page.Locator("details.unchanged-run");
            await Assertions.Expect(folded).ToHaveCountAsync(1);
            await AssertAccessibleAsync(page, $"{what}: what changed");
            await folded.Locator("summary").ClickAsync();
            await Assertions.Expect(folded.GetByText("Background paragraph number 4", new() { Exact = false })).ToBeVisibleAsync();
            await AssertAccessibleAsync(page, $"{what}: what changed, unchanged paragraphs open");

            await page.GetByRole(AriaRole.Link, new() { Name = "All revisions" }).ClickAsync();
            await AssertAccessibleAsync(page, $"{what}: the list of revisions");
            await page.GetByRole(AriaRole.Link, new() { Name = "Revision 1", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-revision-banner]")).ToContainTextAsync("revision 1 of 2");
            await Assertions.Expect(page.Locator("#article-body")).ToContainTextAsync("three weeks");
            await AssertAccessibleAsync(page, $"{what}: revision 1");
            await page.Locator("[data-revision-banner]").GetByRole(AriaRole.Link, new() { Name = "Read the current text" }).ClickAsync();
            await Assertions.Expect(page.Locator("#article-body")).ToContainTextAsync("five weeks");
        }

        AssertNoPageErrors();
    }
}
