using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Annotations;

public sealed class HighlightsApiTests(HighlightsApiTests.App app) : IClassFixture<HighlightsApiTests.App>, IAsyncLifetime
{
    public sealed class App : TestApp;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string _slug = "";

    public async ValueTask InitializeAsync()
    {
        var result = await app.ImportFixtureAsync("wire-basic.txt");
        _slug = result.Slug!;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string Url => $"/api/articles/{_slug}/highlights";

    private async Task<(HttpClient Client, ArticlePage Page)> ReaderAsync(string name)
    {
        var client = await app.RegisterAsync($"{name}-{Guid.NewGuid():N}@example.com");
        return (client, new ArticlePage(await client.GetDocumentAsync($"/articles/{_slug}")));
    }

    [Fact]
    public async Task Anonymous_readers_can_read_but_not_use_the_api()
    {
        var anonymous = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/articles/{_slug}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync(Url, new { })).StatusCode);
    }

    [Fact]
    public async Task Create_then_reload_shows_the_mark_and_the_rendered_note()
    {
        var (client, page) = await ReaderAsync("writer");
        var created = await (await client.PostJsonAsync(Url, page.Phrase("a dry winter", "green", "**Key** point: see [source](https://example.com)", ["energy", "#Norway"])))
            .JsonAsync(HttpStatusCode.Created);

        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("a dry winter", created.GetProperty("exact").GetString());
        Assert.EndsWith("after ", created.GetProperty("prefix").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(" left reservoirs", created.GetProperty("suffix").GetString(), StringComparison.Ordinal);
        Assert.Equal(["energy", "norway"], created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var reloaded = new ArticlePage(await client.GetDocumentAsync($"/articles/{_slug}"));
        var marks = reloaded.Document.QuerySelectorAll($"mark[data-highlight-id='{id}']");
        Assert.Equal("a dry winter", Assert.Single(marks).TextContent);
        Assert.Equal("green", marks[0].GetAttribute("data-color"));
        Assert.Equal($"h-{id}", marks[0].Id);
        Assert.Equal(page.Blocks.Select(b => b.TextContent), reloaded.Blocks.Select(b => b.TextContent));

        var item = reloaded.Document.QuerySelector($"[data-note-for='{id}']")!;
        Assert.Equal("Key", item.QuerySelector(".note-body strong")!.TextContent);
        Assert.Equal("https://example.com", item.QuerySelector(".note-body a")!.GetAttribute("href"));
        Assert.Equal($"#h-{id}", item.QuerySelector("a.note-quote")!.GetAttribute("href"));
        Assert.Single(reloaded.Document.QuerySelectorAll("[data-highlight-id]"), e => e.GetAttribute("data-highlight-id") == id);
    }

    [Fact]
    public async Task Highlights_can_span_paragraphs_and_overlap_in_different_colours()
    {
        var (client, page) = await ReaderAsync("overlap");
        var across = await (await client.PostJsonAsync(Url, page.Across("too costly to keep running", "We did not expect"))).JsonAsync(HttpStatusCode.Created);
        var inner = await (await client.PostJsonAsync(Url, page.Phrase("keep running past 2025", "pink"))).JsonAsync(HttpStatusCode.Created);
        var outer = await (await client.PostJsonAsync(Url, page.Phrase("plants were too old and too costly", "yellow"))).JsonAsync(HttpStatusCode.Created);

        Assert.Contains("\n\n", across.GetProperty("exact").GetString(), StringComparison.Ordinal);
        var reloaded = new ArticlePage(await client.GetDocumentAsync($"/articles/{_slug}"));
        var marked = reloaded.MarkedText();
        Assert.Equal(across.GetProperty("exact").GetString()!.Replace("\n\n", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal),
            marked[across.GetProperty("id").GetString()!].Replace("\u0001", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal));
        Assert.Equal("keep running past 2025", marked[inner.GetProperty("id").GetString()!].Replace("\u0001", "", StringComparison.Ordinal));
        Assert.Equal("plants were too old and too costly", marked[outer.GetProperty("id").GetString()!].Replace("\u0001", "", StringComparison.Ordinal));
        Assert.NotEmpty(reloaded.Document.QuerySelectorAll("mark mark"));
        Assert.Equal(page.Blocks.Select(b => b.TextContent), reloaded.Blocks.Select(b => b.TextContent));

        var list = await (await client.GetAsync(Url, Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(
            [outer.GetProperty("id").GetString(), across.GetProperty("id").GetString(), inner.GetProperty("id").GetString()],
            list.EnumerateArray().Select(h => h.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Requests_that_do_not_match_the_article_get_400_naming_the_field()
    {
        var (client, page) = await ReaderAsync("validator");
        var block = page.Blocks[1];
        var length = block.TextContent.Length;
        async Task<JsonElement> Problem(object body) => await (await client.PostJsonAsync(Url, body)).JsonAsync(HttpStatusCode.BadRequest);
        static string Errors(JsonElement problem) => problem.GetProperty("errors").ToString();

        Assert.Contains("start.anchor", Errors(await Problem(new { start = new { anchor = "p-nothere", offset = 0 }, end = new { anchor = block.Id, offset = 3 }, exact = "The" })), StringComparison.Ordinal);
        Assert.Contains("end.offset", Errors(await Problem(new { start = new { anchor = block.Id, offset = 0 }, end = new { anchor = block.Id, offset = length + 5 }, exact = "x" })), StringComparison.Ordinal);
        Assert.Contains("\"exact\"", Errors(await Problem(new { start = new { anchor = block.Id, offset = 0 }, end = new { anchor = block.Id, offset = 3 }, exact = "Not" })), StringComparison.Ordinal);
        Assert.Contains("\"end\"", Errors(await Problem(new { start = new { anchor = block.Id, offset = 5 }, end = new { anchor = block.Id, offset = 2 }, exact = "x" })), StringComparison.Ordinal);
        Assert.Contains("\"color\"", Errors(await Problem(page.Phrase("The decision", "purple"))), StringComparison.Ordinal);
        var longNote = Errors(await Problem(page.Phrase("The decision", "yellow", new string('n', 10_001))));
        Assert.Contains("\"note\"", longNote, StringComparison.Ordinal);
        Assert.Contains("10,000", longNote, StringComparison.Ordinal);

        var malformed = await client.PostAsync(Url, new StringContent("{\"start\": {\"anchor\": 5", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var wrongType = await client.PostAsync(Url, new StringContent("{\"start\": {\"anchor\": \"a\", \"offset\": \"ten\"}}", Encoding.UTF8, "application/json"), Ct);
        Assert.Contains("start.offset", await wrongType.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var notJson = await client.PostAsync(Url, new StringContent("color=yellow", Encoding.UTF8, "text/plain"), Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync("/api/articles/no-such-article/highlights", page.Phrase("The decision"))).StatusCode);
    }

    [Fact]
    public async Task Another_readers_highlights_are_unreachable_and_404_comes_before_body_validation()
    {
        var (owner, page) = await ReaderAsync("owner");
        var created = await (await owner.PostJsonAsync(Url, page.Phrase("lowest level since records began", note: "private thought"))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        var (other, _) = await ReaderAsync("other");

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/highlights/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PatchJsonAsync($"/api/highlights/{id}", new { color = "not-a-colour", note = new string('x', 20_000) })).StatusCode);
        var garbage = new HttpRequestMessage(HttpMethod.Patch, $"/api/highlights/{id}") { Content = new StringContent("{{{", Encoding.UTF8, "application/json") };
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendAsync(garbage, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/highlights/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"/api/highlights/{id}/reattach", new { })).StatusCode);
        Assert.Empty((await (await other.GetAsync(Url, Ct)).JsonAsync(HttpStatusCode.OK)).EnumerateArray());
        var otherPage = await other.GetStringAsync($"/articles/{_slug}", Ct);
        Assert.DoesNotContain(id!, otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain("private thought", otherPage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/highlights/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task State_changes_without_the_antiforgery_token_are_refused()
    {
        var (client, page) = await ReaderAsync("csrf");
        var token = client.DefaultRequestHeaders.GetValues("RequestVerificationToken").Single();
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");

        var refused = await client.PostJsonAsync(Url, page.Phrase("The decision reverses"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("antiforgery", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url, Ct)).StatusCode);

        var (other, _) = await ReaderAsync("csrf-other");
        var othersToken = other.DefaultRequestHeaders.GetValues("RequestVerificationToken").Single();
        client.DefaultRequestHeaders.Add("RequestVerificationToken", othersToken);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync(Url, page.Phrase("The decision reverses"))).StatusCode);

        client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync(Url, page.Phrase("The decision reverses"))).StatusCode);
    }

    [Fact]
    public async Task Notes_render_sanitised_markdown_and_nothing_they_contain_can_run()
    {
        var (client, page) = await ReaderAsync("hostile");
        const string Note = "# Big heading\n\n<img src=x onerror=alert(1)> and <script>alert(2)</script>\n\n[click](javascript:alert(3)) [data](data:text/html,x) ![img](https://tracker.example/p.png) <https://ok.example>";
        var created = await (await client.PostJsonAsync(Url, page.Phrase("Prices in southern Norway", note: Note))).JsonAsync(HttpStatusCode.Created);
        var html = created.GetProperty("noteHtml").GetString()!;
        var fragment = Html.Parse($"<div>{html}</div>");

        Assert.Empty(fragment.QuerySelectorAll("img, script, h1, h2, [onerror]"));
        Assert.Contains("<img src=x onerror=alert(1)>", fragment.Body!.TextContent, StringComparison.Ordinal);
        Assert.All(fragment.QuerySelectorAll("a"), a => Assert.StartsWith("https://", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal("Big heading", fragment.QuerySelector("p.note-heading strong")!.TextContent);

        var reloaded = await client.GetDocumentAsync($"/articles/{_slug}");
        Assert.Single(reloaded.QuerySelectorAll("h1"));
        Assert.Empty(reloaded.QuerySelectorAll(".notes-panel img, .notes-panel script, .notes-panel a[href^='javascript'], .notes-panel a[href^='data']"));
    }

    [Fact]
    public async Task Update_delete_and_undo_by_recreating_with_the_same_id()
    {
        var (client, page) = await ReaderAsync("editor");
        var created = await (await client.PostJsonAsync(Url, page.Phrase("The operator will publish", note: "first"))).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        var updated = await (await client.PatchJsonAsync($"/api/highlights/{id}", new { color = "pink", note = "_second_", tags = new[] { "later" } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("pink", updated.GetProperty("color").GetString());
        Assert.Contains("<em>second</em>", updated.GetProperty("noteHtml").GetString(), StringComparison.Ordinal);
        var colourOnly = await (await client.PatchJsonAsync($"/api/highlights/{id}", new { color = "blue" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("_second_", colourOnly.GetProperty("note").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/highlights/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/highlights/{id}", Ct)).StatusCode);
        Assert.DoesNotContain(id, await client.GetStringAsync($"/articles/{_slug}", Ct), StringComparison.Ordinal);

        var restore = new
        {
            id,
            start = colourOnly.GetProperty("start"),
            end = colourOnly.GetProperty("end"),
            exact = colourOnly.GetProperty("exact").GetString(),
            color = "blue",
            note = "_second_",
            tags = new[] { "later" },
            createdAt = colourOnly.GetProperty("createdAt").GetDateTime(),
        };
        var restored = await (await client.PostJsonAsync(Url, restore)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(id, restored.GetProperty("id").GetString());
        Assert.Equal(colourOnly.GetProperty("createdAt").GetDateTime(), restored.GetProperty("createdAt").GetDateTime());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJsonAsync(Url, restore)).StatusCode);
    }

    [Fact]
    public async Task Highlights_created_at_the_same_moment_are_all_stored_and_a_clashing_id_fails_alone()
    {
        // Creates are committed in groups (HighlightWriter): a burst must still give every
        // request its own answer, and one bad row must not take the others down with it.
        var (client, page) = await ReaderAsync("burst");
        var phrases = new[] { "a dry winter", "The operator will publish", "keep running past 2025" };
        var id = Guid.CreateVersion7();
        var clash = page.Phrase("a dry winter", note: "same id");
        var requests = Enumerable.Range(0, 30).Select(i => client.PostJsonAsync(Url, page.Phrase(phrases[i % 3], note: $"burst {i}")))
            .Concat(Enumerable.Range(0, 2).Select(_ => client.PostJsonAsync(Url, WithId(clash, id))));
        var responses = await Task.WhenAll(requests);

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(31, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.Conflict, Assert.Single(statuses, s => s != HttpStatusCode.Created));
        var stored = await (await client.GetAsync(Url, Ct)).JsonAsync(HttpStatusCode.OK);
        var notes = stored.EnumerateArray().Select(h => h.GetProperty("note").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"burst {i}").Append("same id").Order(), notes.Order());
        Assert.Single(stored.EnumerateArray(), h => h.GetProperty("id").GetGuid() == id);
    }

    private static Dictionary<string, object?> WithId(object request, Guid id)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(request))!;
        fields["id"] = id;
        return fields;
    }

    [Fact]
    public async Task The_article_note_is_saved_rendered_and_capped()
    {
        var (client, _) = await ReaderAsync("article-note");
        var saved = await (await client.PutAsJsonAsync($"/api/articles/{_slug}/note", new { note = "Overall: **worth** a follow-up." }, Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("<strong>worth</strong>", saved.GetProperty("noteHtml").GetString(), StringComparison.Ordinal);

        var page = await client.GetDocumentAsync($"/articles/{_slug}");
        Assert.Equal("Overall: **worth** a follow-up.", page.QuerySelector("textarea#article-note")!.TextContent);
        Assert.Equal("worth", page.QuerySelector("[data-article-note-html] strong")!.TextContent);
        var label = page.QuerySelector("label[for='article-note']")!;
        Assert.Equal("Article note", label.TextContent);

        var tooLong = await (await client.PutAsJsonAsync($"/api/articles/{_slug}/note", new { note = new string('x', 10_001) }, Ct)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Article note is too long", tooLong.GetProperty("errors").GetProperty("note")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_writes_are_rate_limited_per_user()
    {
        using var limited = new TestApp();
        limited.Settings["NewsReader:RateLimits:ApiWritesPerMinute"] = "2";
        var slug = (await limited.ImportFixtureAsync("wire-headline.txt")).Slug;
        var client = await limited.RegisterAsync("busy@example.com");
        var page = new ArticlePage(await client.GetDocumentAsync($"/articles/{slug}"));
        var statuses = new List<HttpStatusCode>();
        foreach (var phrase in new[] { "Lagos officials", "floating classrooms", "recycled plastic" })
        {
            statuses.Add((await client.PostJsonAsync($"/api/articles/{slug}/highlights", page.Phrase(phrase))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        var rejected = await client.PostJsonAsync($"/api/articles/{slug}/highlights", page.Phrase("Critics say"));
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/articles/{slug}/highlights", Ct)).StatusCode);
        Assert.Equal(2, await limited.WithDbAsync(db => db.Highlights.CountAsync(Ct)));

        // Another reader from the same address has a budget of their own.
        var neighbour = await limited.RegisterAsync("neighbour@example.com");
        Assert.Equal(HttpStatusCode.Created, (await neighbour.PostJsonAsync($"/api/articles/{slug}/highlights", page.Phrase("Critics say"))).StatusCode);
    }

    [Fact]
    public async Task The_api_is_documented_by_the_openapi_document()
    {
        var document = await (await app.Browser().GetAsync("/openapi/v1.json", Ct)).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/articles/{slug}/highlights", out var list));
        Assert.True(list.TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/highlights/{id}").TryGetProperty("patch", out _));
        Assert.True(paths.GetProperty("/api/highlights/{id}").TryGetProperty("delete", out _));
    }

    [Fact]
    public async Task The_article_note_form_works_without_javascript()
    {
        var (client, _) = await ReaderAsync("nojs");
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        var html = await client.GetStringAsync($"/articles/{_slug}", Ct);
        var response = await client.PostAsync($"/articles/{_slug}?handler=ArticleNote", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["note"] = "Saved from a plain form.",
            ["__RequestVerificationToken"] = Html.FormToken(html),
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Saved from a plain form.", await client.GetStringAsync($"/articles/{_slug}", Ct), StringComparison.Ordinal);
    }
}
