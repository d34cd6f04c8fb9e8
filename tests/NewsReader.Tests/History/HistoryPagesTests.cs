using System.Net;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.History;

/// <summary>
/// An edited article re-imported: the article page says it was updated and links What changed,
/// which marks exactly the edits; every revision reads as it was, by page and as plain text;
/// the reader whose highlight was in a removed paragraph is told so until they dismiss it.
/// </summary>
public sealed class HistoryPagesTests : IDisposable
{
    private const string FileName = "tide-gauge.txt";

    private const string Original =
        """
        date 2025-02-03 By Ada Lind

        BERGEN, Feb 2 (Coast Wire) – The harbour authority said on Sunday it would replace the old tide gauge before the spring storms.

        The gauge has measured the water since 1924 and failed twice last winter.

        Engineers expect the work to take three weeks and cost about four million crowns.

        Fishermen welcomed the plan but asked for a public warning system as well.
        """;

    // One word changed, the second paragraph removed, one paragraph added at the end.
    private static readonly string Edited = Original
        .Replace("three weeks", "five weeks", StringComparison.Ordinal)
        .Replace("The gauge has measured the water since 1924 and failed twice last winter.\n\n", "", StringComparison.Ordinal)
        + "\n\nThe authority will publish hourly readings online from April.\n";

    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private async Task<string> ImportBothAsync(Func<string, Task>? between = null)
    {
        var slug = (await _app.ImportAsync(FileName, Original)).Slug!;
        if (between is not null)
        {
            await between(slug);
        }

        await _app.ImportAsync(FileName, Edited);
        return slug;
    }

    [Fact]
    public async Task A_single_revision_article_offers_no_what_changed()
    {
        var slug = (await _app.ImportAsync(FileName, Original)).Slug!;
        var page = await _app.CreateClient().GetDocumentAsync($"/articles/{slug}");

        Assert.Null(page.QuerySelector("[data-updated]"));
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.TextContent == "What changed");
        var changes = await _app.CreateClient().GetDocumentAsync($"/articles/{slug}/changes");
        Assert.Contains("only one revision", changes.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(changes.QuerySelectorAll("ins, del"));
    }

    [Fact]
    public async Task What_changed_marks_exactly_the_changed_word_the_removed_and_the_added_paragraph()
    {
        var slug = await ImportBothAsync();
        var client = _app.CreateClient();

        var article = await client.GetDocumentAsync($"/articles/{slug}");
        var updated = article.QuerySelector("[data-updated]")!;
        Assert.StartsWith("Updated ", updated.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(updated.QuerySelector("time[datetime]"));
        var link = updated.QuerySelectorAll("a").Single(a => a.TextContent == "What changed");
        Assert.Equal($"/articles/{slug}/changes", link.GetAttribute("href"));

        var changes = await client.GetDocumentAsync(link.GetAttribute("href")!);
        Assert.Equal(["The gauge has measured the water since 1924 and failed twice last winter.", "three"],
            changes.QuerySelectorAll("[data-diff] del").Select(e => e.TextContent));
        Assert.Equal(["five", "The authority will publish hourly readings online from April."],
            changes.QuerySelectorAll("[data-diff] ins").Select(e => e.TextContent));
        Assert.Equal(4, changes.QuerySelectorAll("ins, del").Length);                 // nothing else on the page is marked
        Assert.Equal(["changed", "deleted", "inserted"],
            changes.QuerySelectorAll("[data-change]").Select(e => e.GetAttribute("data-change")).Where(c => c != "unchanged").Order());
        Assert.Equal(["Removed", "Changed", "Added"], changes.QuerySelectorAll(".change-label").Select(e => e.TextContent));
        Assert.Contains("1 changed, 1 added, 1 removed, 0 moved", string.Join(' ', changes.QuerySelector("[data-diff-summary]")!.TextContent
            .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);

        // The compare form offers the revisions, with the pair shown chosen; asked for by number, the same.
        var form = changes.QuerySelector("form.compare-form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("1", form.QuerySelector("select[name=from] option[selected]")!.GetAttribute("value"));
        Assert.Equal("2", form.QuerySelector("select[name=to] option[selected]")!.GetAttribute("value"));
        var explicitly = await client.GetDocumentAsync($"/articles/{slug}/changes?from=1&to=2");
        Assert.Equal(changes.QuerySelector("[data-diff]")!.InnerHtml, explicitly.QuerySelector("[data-diff]")!.InnerHtml);
    }

    [Fact]
    public async Task A_moved_paragraph_is_labelled_moved_and_marks_no_words()
    {
        const string Moved = "Engineers expect the work to take three weeks and cost about four million crowns.\n\n";
        var slug = (await _app.ImportAsync(FileName, Original)).Slug!;
        await _app.ImportAsync(FileName, Original.Replace(Moved, "", StringComparison.Ordinal) + "\n\n" + Moved);

        var changes = await _app.CreateClient().GetDocumentAsync($"/articles/{slug}/changes");

        var moved = changes.QuerySelectorAll("[data-change=moved]");
        Assert.Equal("Moved down", Assert.Single(moved).QuerySelector(".change-label")!.TextContent);
        Assert.Empty(changes.QuerySelectorAll("[data-diff] ins, [data-diff] del"));
        Assert.Contains("0 removed, 1 moved", string.Join(' ', changes.QuerySelector("[data-diff-summary]")!.TextContent
            .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_text_in_a_revision_is_encoded_in_the_comparison()
    {
        var slug = (await _app.ImportAsync("hostile.txt", "date 2025-01-01\n\nQUIET HEADLINE\n\nA <b>plain</b> paragraph.\n")).Slug!;
        await _app.ImportAsync("hostile.txt", "date 2025-01-01\n\nQUIET HEADLINE\n\nA <script>alert(1)</script> paragraph &amp; more.\n");

        var html = await _app.CreateClient().GetStringAsync($"/articles/{slug}/changes", Ct);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_revision_reads_as_it_was_and_the_list_names_them_with_dates()
    {
        var slug = await ImportBothAsync();
        var client = _app.CreateClient();

        var first = await client.GetDocumentAsync($"/articles/{slug}/revisions/1");
        Assert.Contains("revision 1 of 2", first.QuerySelector("[data-revision-banner]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(first.QuerySelector("[data-revision-banner]")!.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/articles/{slug}" && a.TextContent == "Read the current text");
        var body = first.GetElementById("article-body")!.TextContent;
        Assert.Contains("three weeks", body, StringComparison.Ordinal);
        Assert.Contains("since 1924", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hourly readings", body, StringComparison.Ordinal);

        var second = await client.GetDocumentAsync($"/articles/{slug}/revisions/2");
        Assert.Contains("the current text", second.QuerySelector("[data-revision-banner]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("hourly readings", second.GetElementById("article-body")!.TextContent, StringComparison.Ordinal);

        var list = await client.GetDocumentAsync($"/articles/{slug}/revisions");
        var items = list.QuerySelectorAll("[data-revision-list] li");
        Assert.Equal(["Revision 2", "Revision 1"], items.Select(li => li.QuerySelector("a")!.TextContent));
        Assert.All(items, li => Assert.NotNull(li.QuerySelector("time[datetime]")));
        Assert.Contains(items[0].QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/articles/{slug}/changes?from=1&to=2");

        var oldText = await client.GetStringAsync($"/articles/{slug}.txt?revision=1", Ct);
        Assert.Contains("three weeks", oldText, StringComparison.Ordinal);
        Assert.Contains("five weeks", await client.GetStringAsync($"/articles/{slug}.txt", Ct), StringComparison.Ordinal);
        Assert.Equal(await client.GetStringAsync($"/articles/{slug}.txt", Ct), await client.GetStringAsync($"/articles/{slug}.txt?revision=2", Ct));
    }

    [Theory]
    [InlineData("/revisions/3", HttpStatusCode.NotFound)]
    [InlineData("/revisions/0", HttpStatusCode.NotFound)]
    [InlineData("/revisions/x", HttpStatusCode.NotFound)]
    [InlineData("/changes?from=1&to=3", HttpStatusCode.NotFound)]
    [InlineData("/changes?from=9", HttpStatusCode.NotFound)]
    [InlineData("/changes?from=2&to=1", HttpStatusCode.BadRequest)]
    [InlineData("/changes?from=2&to=2", HttpStatusCode.BadRequest)]
    [InlineData("/changes?to=1", HttpStatusCode.BadRequest)]
    [InlineData("/changes?from=one", HttpStatusCode.BadRequest)]
    [InlineData("/changes?from=-1", HttpStatusCode.BadRequest)]
    [InlineData("/changes?to=99999999999999", HttpStatusCode.BadRequest)]
    public async Task A_revision_that_does_not_exist_is_404_and_a_bad_number_400(string path, HttpStatusCode expected)
    {
        var slug = await ImportBothAsync();

        var response = await _app.CreateClient().GetAsync($"/articles/{slug}{path}", Ct);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.NotEmpty(Html.Parse(await response.Content.ReadAsStringAsync(Ct)).QuerySelector("[role=alert]")!.TextContent);
        }
    }

    [Theory]
    [InlineData("?revision=3", HttpStatusCode.NotFound)]
    [InlineData("?revision=0", HttpStatusCode.BadRequest)]
    [InlineData("?revision=two", HttpStatusCode.BadRequest)]
    public async Task Plain_text_of_a_revision_that_does_not_exist_is_404_and_a_bad_number_400(string query, HttpStatusCode expected)
    {
        var slug = await ImportBothAsync();

        var response = await _app.CreateClient().GetAsync($"/articles/{slug}.txt{query}", Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_reader_with_a_highlight_in_the_removed_paragraph_is_told_and_can_dismiss_it()
    {
        await _app.RegisterAsync("admin@example.com");
        var touched = await _app.RegisterAsync("touched@example.com");
        var untouched = await _app.RegisterAsync("untouched@example.com");
        var slug = await ImportBothAsync(async slug =>
        {
            await touched.HighlightAsync(_app, slug, "failed twice last winter", note: "Twice!");
            await touched.HighlightAsync(_app, slug, "Fishermen welcomed the plan");
            await untouched.HighlightAsync(_app, slug, "Fishermen welcomed the plan");
        });

        var page = await touched.GetDocumentAsync($"/articles/{slug}");
        var notice = page.QuerySelector("[data-revision-notice]")!;
        Assert.Contains("1 of your highlights was detached.", notice.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("moved", notice.TextContent, StringComparison.Ordinal);   // the other one's paragraph did not change
        Assert.Equal("#orphans", notice.QuerySelectorAll("a").Single(a => a.TextContent == "See detached highlights").GetAttribute("href"));
        Assert.Contains("failed twice last winter", page.GetElementById("orphans")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await untouched.GetDocumentAsync($"/articles/{slug}")).QuerySelector("[data-revision-notice]"));
        Assert.Null((await _app.CreateClient().GetDocumentAsync($"/articles/{slug}")).QuerySelector("[data-revision-notice]"));

        var dismiss = await touched.PostAsync($"/articles/{slug}?handler=DismissNotice", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.FormToken(await touched.GetStringAsync($"/articles/{slug}", Ct)),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, dismiss.StatusCode);
        Assert.Null((await touched.GetDocumentAsync($"/articles/{slug}")).QuerySelector("[data-revision-notice]"));

        // Without the form's token (nor the API's header) the dismissal is refused.
        untouched.DefaultRequestHeaders.Remove("RequestVerificationToken");
        var forged = await untouched.PostAsync($"/articles/{slug}?handler=DismissNotice", new FormUrlEncodedContent(new Dictionary<string, string>()), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_later_revision_replaces_the_notice_and_a_detached_highlight_is_not_news_twice()
    {
        await _app.RegisterAsync("admin@example.com");
        var reader = await _app.RegisterAsync("reader@example.com");
        var slug = await ImportBothAsync(slug => reader.HighlightAsync(_app, slug, "failed twice last winter"));
        Assert.NotNull((await reader.GetDocumentAsync($"/articles/{slug}")).QuerySelector("[data-revision-notice]"));

        await _app.ImportAsync(FileName, Edited.Replace("five weeks", "six weeks", StringComparison.Ordinal));

        Assert.Null((await reader.GetDocumentAsync($"/articles/{slug}")).QuerySelector("[data-revision-notice]"));
    }
}
