using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsReader.Tests.Export;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Notes;

public sealed class MyNotesTests(MyNotesTests.App app) : IClassFixture<MyNotesTests.App>
{
    public sealed class App : NotesScenario;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_every_highlight_newest_first_each_linking_straight_to_it()
    {
        var page = await app.Reader.GetDocumentAsync("/notes");

        Assert.Equal("11 highlights", page.QuerySelector("#results-heading")!.TextContent.Trim());
        var items = Items(page);
        Assert.Equal(["h11", "h10", "h9", "h8", "h7", "h6", "h5", "h4", "h3", "h2", "h1"], items.Select(NameOf));
        foreach (var (name, id) in app.Ids.Where(i => i.Key != "h4"))
        {
            var slug = name is "h1" or "h2" or "h3" ? app.Wire : name is "h5" or "h6" or "h7" or "h8" ? app.Rtl : app.Markdown;
            Assert.Equal($"/articles/{slug}#h-{id}", Item(page, name).QuerySelector("a.note-quote")!.GetAttribute("href"));
        }

        var orphan = Item(page, "h4");
        Assert.Contains("Detached", orphan.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/articles/{app.Wire}#notes", orphan.QuerySelector("a.note-quote")!.GetAttribute("href"));
        Assert.Contains("Yellow: key claim", Item(page, "h1").TextContent, StringComparison.Ordinal);
        Assert.Equal(["#energy", "#norway"], Item(page, "h1").QuerySelectorAll("a.tag").Select(t => t.TextContent));
        Assert.Equal(["All tags", "#code (1)", "#dates (1)", "#energy (1)", "#norway (1)", "#prices (1)", "#شعر (1)"],
            page.GetElementById("filter-tag")!.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.DoesNotContain(NotesScenario.OtherReadersNote, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/export?format=jsonld']"));
        Assert.NotNull(page.QuerySelector("a[href='/import/annotations']"));
    }

    [Theory]
    [InlineData("color=yellow", new[] { "h9", "h5", "h1" })]
    [InlineData("tag=energy", new[] { "h1" })]
    [InlineData("tag=%23Prices", new[] { "h2" })]
    [InlineData("color=pink&article=WIRE", new[] { "h4" })]
    [InlineData("article=RTL", new[] { "h8", "h7", "h6", "h5" })]
    public async Task Filters_by_colour_tag_and_article(string query, string[] expected)
    {
        query = query.Replace("WIRE", app.Wire, StringComparison.Ordinal).Replace("RTL", app.Rtl, StringComparison.Ordinal);
        var page = await app.Reader.GetDocumentAsync("/notes?" + query);

        Assert.Equal(expected, Items(page).Select(NameOf));
        Assert.EndsWith("match" + (expected.Length == 1 ? "es" : ""), page.QuerySelector("#results-heading")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/notes']"));
    }

    [Fact]
    public async Task The_filter_form_keeps_its_choices()
    {
        var page = await app.Reader.GetDocumentAsync($"/notes?view=articles&color=green&tag=prices&article={app.Wire}");
        Assert.Equal("articles", Selected(page, "filter-view"));
        Assert.Equal("green", Selected(page, "filter-color"));
        Assert.Equal("prices", Selected(page, "filter-tag"));
        Assert.Equal(app.Wire, Selected(page, "filter-article"));
        Assert.Equal(["h2"], Items(page).Select(NameOf));
        Assert.NotNull(page.QuerySelector($"a[href='/export?format=md&article={app.Wire}']"));
    }

    [Fact]
    public async Task Groups_by_article_in_reading_order_with_the_article_note()
    {
        var page = await app.Reader.GetDocumentAsync("/notes?view=articles");

        var groups = page.QuerySelectorAll("section.notes-group").ToList();
        Assert.Equal(3, groups.Count);
        var titles = groups.Select(g => g.QuerySelector("h3 a")!.GetAttribute("href")).ToList();
        Assert.Equal([$"/articles/{app.Rtl}", $"/articles/{app.Markdown}", $"/articles/{app.Wire}"], titles);

        Assert.Equal(["h5", "h6", "h7", "h8"], Items(groups[0]).Select(NameOf));
        Assert.Equal(["h11", "h10", "h9"], Items(groups[1]).Select(NameOf));
        Assert.Equal(["h1", "h2", "h3", "h4"], Items(groups[2]).Select(NameOf));
        Assert.Equal("note", groups[1].QuerySelector(".article-note-html strong")?.TextContent);
        Assert.Null(groups[0].QuerySelector(".article-note-html"));
    }

    [Fact]
    public async Task Notes_are_rendered_from_markdown_and_sanitised()
    {
        var page = await app.Reader.GetDocumentAsync("/notes");

        var hostile = Item(page, "h11").QuerySelector(".note-body")!;
        Assert.Empty(hostile.QuerySelectorAll("img"));
        Assert.Contains("<img src=x onerror=alert(1)>", hostile.TextContent, StringComparison.Ordinal);
        var rendered = Item(page, "h1").QuerySelector(".note-body")!;
        Assert.Equal("Key", rendered.QuerySelector("strong")?.TextContent);
        Assert.Equal("https://example.com/reg", rendered.QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Colour_meanings_are_set_with_a_plain_form()
    {
        var client = await app.RegisterAsync("colours@example.com");
        var page = await client.GetDocumentAsync("/notes");
        var form = page.QuerySelector("form[action*='handler=Colors']")!;
        Assert.Equal("post", form.GetAttribute("method"));
        foreach (var color in new[] { "yellow", "green", "blue", "pink" })
        {
            Assert.NotNull(page.QuerySelector($"label[for=label-{color}]"));
            Assert.Equal($"labels[{color}]", page.GetElementById($"label-{color}")!.GetAttribute("name"));
        }

        var saved = await PostColorsAsync(client, page, ("green", "evidence"), ("yellow", "  key claim  "));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/notes#colors", saved.Headers.Location?.OriginalString);

        var after = await client.GetDocumentAsync("/notes");
        Assert.Equal("Colour meanings saved.", after.QuerySelector("[role=status]")?.TextContent);
        Assert.Equal("evidence", after.GetElementById("label-green")!.GetAttribute("value"));
        Assert.Equal("key claim", after.GetElementById("label-yellow")!.GetAttribute("value"));
        Assert.Contains("Green: evidence", after.GetElementById("filter-color")!.TextContent, StringComparison.Ordinal);
        // The page is kept for the reader (ReaderPages), but never with the one-time status in it.
        var again = await client.GetDocumentAsync("/notes");
        Assert.DoesNotContain("Colour meanings saved.", again.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("evidence", again.GetElementById("label-green")!.GetAttribute("value"));

        var tooLong = await PostColorsAsync(client, after, ("blue", new string('x', 41)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var error = Html.Parse(await tooLong.Content.ReadAsStringAsync(Ct)).QuerySelector(".error-summary")!;
        Assert.Contains("Blue: Label is too long: 41 characters; the limit is 40.", error.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Needs_a_signed_in_reader()
    {
        var response = await app.Browser().GetAsync("/notes", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Deleting_from_my_notes_needs_the_token_and_only_reaches_the_readers_own_highlights()
    {
        var other = await app.RegisterAsync($"other-{Guid.NewGuid():N}@example.com");
        var slug = (await app.ImportFixtureAsync("wire-headline.txt")).Slug!;
        var mine = await other.HighlightAsync(app, slug, "floating classrooms");
        var id = mine.GetProperty("id").GetString()!;
        var readersPage = await app.Reader.GetStringAsync("/notes", Ct);
        var token = Html.FormToken(readersPage);
        var apiToken = app.Reader.DefaultRequestHeaders.GetValues("RequestVerificationToken").Single();
        try
        {
            // The first reader cannot delete the other reader's highlight: 404, and it stays.
            var foreign = await PostDeleteAsync(app.Reader, id, token);
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/highlights/{id}", Ct)).StatusCode);

            var noToken = await app.Reader.PostAsync("/notes?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = id }), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        }
        finally
        {
            app.Reader.DefaultRequestHeaders.Remove("RequestVerificationToken");
            app.Reader.DefaultRequestHeaders.Add("RequestVerificationToken", apiToken);
        }

        other.DefaultRequestHeaders.Remove("RequestVerificationToken");
        var own = await PostDeleteAsync(other, id, Html.FormToken(await other.GetStringAsync("/notes", Ct)));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Null(await app.WithDbAsync(async db => await db.Highlights.FindAsync([Guid.Parse(id)], Ct)));
    }

    private static Task<HttpResponseMessage> PostDeleteAsync(HttpClient client, string id, string token)
    {
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        return client.PostAsync("/notes?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id,
            ["__RequestVerificationToken"] = token,
        }), Ct);
    }

    [Theory]
    [InlineData("/notes")]
    [InlineData("/notes?view=articles")]
    public async Task Every_control_is_labelled_and_nothing_is_inline(string url)
    {
        var page = await app.Reader.GetDocumentAsync(url);

        Assert.Single(page.QuerySelectorAll("h1"));
        var controls = page.QuerySelectorAll("input:not([type=hidden]), select, textarea").ToList();
        Assert.NotEmpty(controls);
        Assert.All(controls, c => Assert.True(page.QuerySelector($"label[for='{c.Id}']") is not null, $"{c.OuterHtml} has no label"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.All(page.QuerySelectorAll("*").SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)),
            a => Assert.Fail($"inline handler {a.Name}"));
        Assert.NotNull(page.QuerySelector("#tags-heading"));
    }

    private string NameOf(IElement item) =>
        app.Ids.Single(i => item.QuerySelector("a.note-quote")!.GetAttribute("href")!.EndsWith(i.Value.ToString(), StringComparison.Ordinal)
            || (i.Key == "h4" && item.ClassList.Contains("orphan"))).Key;

    private static List<IElement> Items(IParentNode root) => root.QuerySelectorAll("ol.note-list > li").ToList();

    private IElement Item(IHtmlDocument page, string name) => Items(page).Single(i => NameOf(i) == name);

    private static string? Selected(IHtmlDocument page, string id) =>
        page.GetElementById(id)!.QuerySelectorAll("option").SingleOrDefault(o => o.HasAttribute("selected"))?.GetAttribute("value");

    private static async Task<HttpResponseMessage> PostColorsAsync(HttpClient client, IHtmlDocument page, params (string Color, string Label)[] labels)
    {
        var form = page.QuerySelector("form[action*='handler=Colors']")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        foreach (var (color, label) in labels)
        {
            fields[$"labels[{color}]"] = label;
        }

        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields), Ct);
    }
}
