using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Search;

/// <summary>
/// Search through the page and the API on a real SQLite database: what it finds (stems,
/// diacritics, phrases, operators, filters), in what order, what it never shows to whom, and
/// that the index follows every change.
/// </summary>
public sealed class SearchTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A wire-service article: dateline, byline, headline, then paragraphs with a (Source) dateline on the first.</summary>
    private static string Wire(string headline, string byline, string date, string source, params string[] paragraphs) =>
        $"date {date} By {byline}\n\n{headline}\n\nHARBOURTON, Jan. 5 ({source}) – {string.Join("\n\n", paragraphs)}\n";

    private async Task<string> ImportAsync(string name, string text)
    {
        var result = await _app.ImportAsync(name, text);
        return Assert.IsType<string>(result.Slug);
    }

    private async Task<JsonElement> ApiAsync(HttpClient client, string q, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString(q), Ct);
        Assert.True(expected == response.StatusCode, $"{q}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<string[]> ArticleSlugsAsync(string q, HttpClient? client = null) =>
        (await ApiAsync(client ?? _app.CreateClient(), q)).GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("slug").GetString()!).ToArray();

    private async Task<string[]> HighlightQuotesAsync(HttpClient client, string q) =>
        (await ApiAsync(client, q)).GetProperty("highlights").EnumerateArray().Select(h => h.GetProperty("quote").GetString()!).ToArray();

    [Fact]
    public async Task Words_are_found_in_any_form_and_without_their_accents()
    {
        var slug = await ImportAsync("talks.txt", Wire("Envoys resume talks in Zürich", "Ana Ruiz", "2024-01-05", "Lakeside Wire",
            "Negotiations over the new sanctions resumed at a café near the station.",
            "Delegates said the sanctioned firms would be named within a week."));
        await ImportAsync("other.txt", Wire("Harvest festival draws crowds", "Tom Bell", "2024-01-06", "Valley Post", "Apples and pears filled the square."));

        foreach (var q in new[] { "sanction", "negotiate", "cafe", "zurich", "ZÜRICH", "Negotiation Sanctions", "deleg*" })
        {
            var found = await ArticleSlugsAsync(q);
            Assert.True(found.SequenceEqual([slug]), $"'{q}' found [{string.Join(", ", found)}], not only the talks article");
        }

        Assert.Empty(await ArticleSlugsAsync("sanction apples"));
    }

    [Fact]
    public async Task Phrases_exclusions_alternatives_and_prefixes_do_what_they_say()
    {
        var night = await ImportAsync("night.txt", Wire("Island keeps its night ferry", "Ana Ruiz", "2024-01-05", "Coast Desk",
            "The night ferry will keep running after a vote on Tuesday."));
        var day = await ImportAsync("day.txt", Wire("Bridge toll rises again", "Tom Bell", "2024-01-06", "Coast Desk",
            "The ferry sails by day; at night the bridge is the only way across, and a strike is planned."));

        Assert.Equal([night], await ArticleSlugsAsync("\"night ferry\""));
        Assert.Equal([night], await ArticleSlugsAsync("ferry -strike"));
        Assert.Equal([night], await ArticleSlugsAsync("ferry -\"only way\""));
        Assert.Equal(new[] { day, night }.Order(), (await ArticleSlugsAsync("vote OR strike")).Order());
        Assert.Equal([day], await ArticleSlugsAsync("tol*"));
        Assert.Empty(await ArticleSlugsAsync("\"ferry night\""));
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match_and_a_phrase_above_scattered_words()
    {
        var inBody = await ImportAsync("body.txt", Wire("Council meets on budget", "Tom Bell", "2024-01-05", "Town Desk",
            "Members also discussed the lighthouse briefly before moving on."));
        var inTitle = await ImportAsync("title.txt", Wire("Lighthouse to reopen in spring", "Ana Ruiz", "2024-01-06", "Town Desk",
            "Restoration work on the tower is nearly finished."));
        Assert.Equal([inTitle, inBody], await ArticleSlugsAsync("lighthouse"));

        var scattered = await ImportAsync("scattered.txt", Wire("Weekend report", "Tom Bell", "2024-01-07", "Town Desk",
            "Rail services were cut on Sunday. Works on the old line begin soon, and the cut will last a week. Rail fans protested."));
        var phrase = await ImportAsync("phrase.txt", Wire("Weekend notes", "Ana Ruiz", "2024-01-08", "Town Desk",
            "A rail cut affects the north. Traffic was light otherwise on the other roads, and shops opened late as usual this week."));
        Assert.Equal([phrase, scattered], await ArticleSlugsAsync("rail cut"));
    }

    [Fact]
    public async Task A_new_revision_replaces_the_old_text_in_the_index()
    {
        var slug = await ImportAsync("plant.txt", Wire("Plant upgrade approved", "Ana Ruiz", "2024-01-05", "Grid Desk", "The old turbine will be replaced next year."));
        Assert.Equal([slug], await ArticleSlugsAsync("turbine"));

        await ImportAsync("plant.txt", Wire("Plant upgrade approved", "Ana Ruiz", "2024-01-05", "Grid Desk", "The old windmill will be replaced next year."));

        Assert.Empty(await ArticleSlugsAsync("turbine"));
        Assert.Equal([slug], await ArticleSlugsAsync("windmill"));
    }

    [Fact]
    public async Task A_readers_highlights_notes_and_tags_are_found_by_that_reader_alone()
    {
        var slug = await ImportAsync("levy.txt", Wire("Port levy debated", "Ana Ruiz", "2024-01-05", "Harbour Desk",
            "Ship owners said the new levy would push freight to rival ports."));
        var alice = await _app.RegisterAsync("alice@example.com");
        var bob = await _app.RegisterAsync("bob@example.com");
        await alice.HighlightAsync(_app, slug, "push freight to rival ports", note: "Compare with **Rotterdam** figures", tags: ["Shipping"]);

        Assert.Equal(["push freight to rival ports"], await HighlightQuotesAsync(alice, "freight"));       // the quote
        Assert.Equal(["push freight to rival ports"], await HighlightQuotesAsync(alice, "rotterdam"));     // the note
        Assert.Equal(["push freight to rival ports"], await HighlightQuotesAsync(alice, "shipping"));      // a tag
        Assert.Equal(["push freight to rival ports"], await HighlightQuotesAsync(alice, "tag:shipping"));

        Assert.Empty(await HighlightQuotesAsync(bob, "freight"));
        Assert.Empty(await HighlightQuotesAsync(bob, "rotterdam"));
        Assert.Empty(await HighlightQuotesAsync(bob, "tag:shipping"));
        var visitor = await ApiAsync(_app.CreateClient(), "rotterdam OR freight");
        Assert.Empty(visitor.GetProperty("highlights").EnumerateArray());
        Assert.Equal(0, visitor.GetProperty("total").GetProperty("highlights").GetInt32());

        var bobPage = await bob.GetStringAsync("/search?q=rotterdam", Ct);
        var visitorPage = await _app.CreateClient().GetStringAsync("/search?q=rotterdam+OR+shipping", Ct);
        Assert.DoesNotContain("Compare with", bobPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Compare with", visitorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-result=\"highlight\"", visitorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-result=\"highlight\"", bobPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edited_and_deleted_highlights_leave_the_index_at_once()
    {
        var slug = await ImportAsync("dock.txt", Wire("Dock strike ends", "Ana Ruiz", "2024-01-05", "Harbour Desk", "Workers returned to the cranes on Monday morning."));
        var reader = await _app.RegisterAsync("edits@example.com");
        var created = await reader.HighlightAsync(_app, slug, "returned to the cranes", note: "first thought", tags: ["labour"]);
        var id = created.GetProperty("id").GetString();

        var patch = await reader.PatchAsJsonAsync($"/api/highlights/{id}", new { note = "second idea", tags = new[] { "ports" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Empty(await HighlightQuotesAsync(reader, "thought"));
        Assert.Empty(await HighlightQuotesAsync(reader, "labour"));
        Assert.Single(await HighlightQuotesAsync(reader, "idea"));
        Assert.Single(await HighlightQuotesAsync(reader, "ports"));

        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync($"/api/highlights/{id}", Ct)).StatusCode);
        Assert.Empty(await HighlightQuotesAsync(reader, "cranes"));
        Assert.Empty(await HighlightQuotesAsync(reader, "idea"));
        Assert.Empty(await HighlightQuotesAsync(reader, "tag:ports"));
    }

    [Fact]
    public async Task Filters_narrow_by_tag_colour_place_author_source_and_date()
    {
        var march = await ImportAsync("march.txt", Wire("Solar farm opens", "Ana Ruiz", "2024-03-10", "Energy Wire", "Panels cover the old airfield."));
        var june = await ImportAsync("june.txt", Wire("Solar tariffs cut", "Tom Bell", "2024-06-02", "Market Daily", "Panels from abroad get cheaper."));
        var reader = await _app.RegisterAsync("filters@example.com");
        await reader.SaveColorLabelAsync("green", "Key claim");
        await reader.HighlightAsync(_app, march, "cover the old airfield", color: "green", note: "panels everywhere", tags: ["land"]);
        await reader.HighlightAsync(_app, june, "get cheaper", color: "pink", note: "price of panels", tags: ["trade"]);

        Assert.Equal([march], await ArticleSlugsAsync("panels author:ruiz", reader));
        Assert.Equal([june], await ArticleSlugsAsync("panels source:\"market daily\"", reader));
        Assert.Equal([june], await ArticleSlugsAsync("solar after:2024-04-01", reader));
        Assert.Equal([march], await ArticleSlugsAsync("solar before:2024-04-01", reader));
        Assert.Equal([march], await ArticleSlugsAsync("before:2024-04-01", reader));                  // a filter alone

        Assert.Equal(["cover the old airfield"], await HighlightQuotesAsync(reader, "panels color:green"));
        Assert.Equal(["cover the old airfield"], await HighlightQuotesAsync(reader, "panels color:\"key claim\""));
        Assert.Equal(["get cheaper"], await HighlightQuotesAsync(reader, "tag:trade"));
        Assert.Equal(["get cheaper"], await HighlightQuotesAsync(reader, "panels author:bell"));
        Assert.Equal(["get cheaper"], await HighlightQuotesAsync(reader, "price in:notes"));
        Assert.Empty(await HighlightQuotesAsync(reader, "airfield in:notes"));
        Assert.Equal(["cover the old airfield"], await HighlightQuotesAsync(reader, "airfield in:quotes"));

        var onlyArticles = await ApiAsync(reader, "panels in:articles");
        Assert.Empty(onlyArticles.GetProperty("highlights").EnumerateArray());
        Assert.Equal(2, onlyArticles.GetProperty("articles").GetArrayLength());
        var onlyNotes = await ApiAsync(reader, "panels in:notes");
        Assert.Empty(onlyNotes.GetProperty("articles").EnumerateArray());           // articles have no notes
        Assert.Equal(2, onlyNotes.GetProperty("highlights").GetArrayLength());

        var unknown = await ApiAsync(reader, "color:purple", HttpStatusCode.BadRequest);
        Assert.Contains("color:purple", unknown.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_finds_by_the_readers_own_reading_state()
    {
        var read = await ImportAsync("read.txt", Wire("Ferry fares rise", "Ana Ruiz", "2024-03-10", "Coast Desk", "The ferry costs more from May."));
        var kept = await ImportAsync("kept.txt", Wire("Ferry timetable changes", "Tom Bell", "2024-03-11", "Coast Desk", "The ferry leaves earlier in winter."));
        var other = await ImportAsync("other.txt", Wire("Ferry crew strike", "Ana Ruiz", "2024-03-12", "Coast Desk", "The ferry stays in port on Friday."));
        var reader = await _app.RegisterAsync("states@example.com");
        await reader.HighlightAsync(_app, kept, "leaves earlier", note: "winter ferry");
        await reader.HighlightAsync(_app, read, "costs more", note: "fares ferry");
        await (await reader.PatchJsonAsync($"/api/articles/{read}/state", new { read = true })).JsonAsync(HttpStatusCode.OK);
        await (await reader.PatchJsonAsync($"/api/articles/{kept}/state", new { favorite = true, archived = true })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(new[] { kept, other }.Order(), (await ArticleSlugsAsync("ferry is:unread", reader)).Order());
        Assert.Equal([kept], await ArticleSlugsAsync("ferry is:favorite", reader));
        Assert.Equal([kept], await ArticleSlugsAsync("is:archived", reader));                           // a filter alone
        Assert.Empty(await ArticleSlugsAsync("ferry is:favorite is:unread is:archived -timetable", reader));
        Assert.Equal(["leaves earlier"], await HighlightQuotesAsync(reader, "ferry is:favorite"));
        Assert.Equal(["leaves earlier"], await HighlightQuotesAsync(reader, "is:unread"));

        // Another reader's state is theirs; a visitor has none (everything unread, nothing kept).
        var someone = await _app.RegisterAsync("someone-else@example.com");
        Assert.Equal(3, (await ArticleSlugsAsync("ferry is:unread", someone)).Length);
        Assert.Empty(await ArticleSlugsAsync("ferry is:favorite", someone));
        Assert.Empty(await ArticleSlugsAsync("ferry is:favorite"));
        Assert.Equal(3, (await ArticleSlugsAsync("ferry is:unread")).Length);

        var wrong = await ApiAsync(reader, "is:new", HttpStatusCode.BadRequest);
        Assert.Contains("is:new", wrong.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_in_its_documented_shape_with_marked_snippets()
    {
        var slug = await ImportAsync("shape.txt", Wire("Tram line extended", "Ana Ruiz and Tom Bell", "2024-02-03", "City Desk",
            "The tram line now reaches the hospital, a stop riders had asked for since 2019."));
        var reader = await _app.RegisterAsync("shape@example.com");
        await reader.HighlightAsync(_app, slug, "reaches the hospital", color: "blue", note: "the hospital stop", tags: ["transit"]);

        var json = await ApiAsync(reader, "hospital");
        Assert.Equal(["articles", "highlights", "total"], json.EnumerateObject().Select(p => p.Name));
        var article = json.GetProperty("articles")[0];
        Assert.Equal(["slug", "title", "byline", "date", "snippet", "score"], article.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Tram line extended", article.GetProperty("title").GetString());
        Assert.Equal("Ana Ruiz and Tom Bell", article.GetProperty("byline").GetString());
        Assert.Equal("2024-02-03", article.GetProperty("date").GetString());
        Assert.Contains("<mark>hospital</mark>", article.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.True(article.GetProperty("score").GetDouble() > 0);
        var highlight = json.GetProperty("highlights")[0];
        Assert.Equal(["id", "slug", "title", "quote", "note", "color", "tags", "snippet"], highlight.EnumerateObject().Select(p => p.Name));
        Assert.Equal("reaches the hospital", highlight.GetProperty("quote").GetString());
        Assert.Equal("the hospital stop", highlight.GetProperty("note").GetString());
        Assert.Equal("blue", highlight.GetProperty("color").GetString());
        Assert.Equal(["transit"], highlight.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("<mark>hospital</mark>", highlight.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, json.GetProperty("total").GetProperty("articles").GetInt32());
        Assert.Equal(1, json.GetProperty("total").GetProperty("highlights").GetInt32());
    }

    [Fact]
    public async Task Results_page_and_count_over_the_api()
    {
        for (var i = 0; i < 7; i++)
        {
            await ImportAsync($"page-{i}.txt", Wire($"Market report number {i}", "Tom Bell", $"2024-01-{i + 10}", "Market Daily", $"Stalls and prices, week {i}."));
        }

        var client = _app.CreateClient();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/search?q=stalls&limit=3", Ct);
        var second = await client.GetFromJsonAsync<JsonElement>("/api/search?q=stalls&limit=3&offset=3", Ct);
        var third = await client.GetFromJsonAsync<JsonElement>("/api/search?q=stalls&limit=3&offset=6", Ct);
        var slugs = new[] { first, second, third }.SelectMany(p => p.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("slug").GetString())).ToList();
        Assert.Equal(7, slugs.Count);
        Assert.Equal(7, slugs.Distinct().Count());
        Assert.Equal(7, first.GetProperty("total").GetProperty("articles").GetInt32());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=5000", "offset")]
    public async Task Bad_paging_is_a_400_naming_the_field(string paging, string field)
    {
        var response = await _app.CreateClient().GetAsync($"/api/search?q=x&{paging}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced")]
    [InlineData("OR")]
    [InlineData("AND OR NOT")]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("-only")]
    [InlineData("a*b*c")]
    [InlineData("NEAR(a b, 3)")]
    [InlineData("title:x")]
    [InlineData("{title}: x")]
    [InlineData("x^")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("\0\0\0")]
    [InlineData("tag:")]
    [InlineData("color:")]
    [InlineData("before:2024-02-30")]
    [InlineData("in:")]
    [InlineData("(((((")]
    [InlineData(")")]
    [InlineData("%00")]
    [InlineData("\ud800")]
    public async Task Malformed_searches_are_a_200_or_a_400_never_a_500(string q)
    {
        await ImportAsync("calm.txt", Wire("Calm day at the harbour", "Ana Ruiz", "2024-01-05", "Harbour Desk", "Nothing happened; boats came and went."));
        var reader = await _app.RegisterAsync("hostile@example.com");
        foreach (var client in new[] { reader, _app.CreateClient() })
        {
            foreach (var url in new[] { "/api/search?q=", "/search?q=", "/notes?q=" })
            {
                var response = await client.GetAsync(url + Uri.EscapeDataString(q), Ct);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Redirect,
                    $"{url}{q}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task A_very_long_search_is_a_400_that_says_so()
    {
        var q = new string('a', 5_000);
        var api = await ApiAsync(_app.CreateClient(), q, HttpStatusCode.BadRequest);
        Assert.Contains("too long", api.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
        var page = await _app.CreateClient().GetAsync("/search?q=" + q, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("too long", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_text_in_queries_and_articles_renders_as_text()
    {
        await ImportAsync("markup.txt", Wire("Markup <b>bold</b> claims", "Ana Ruiz", "2024-01-05", "Web Desk",
            "The page said <script>alert(1)</script> and an onerror=alert(2) image."));
        var html = await _app.CreateClient().GetStringAsync("/search?q=" + Uri.EscapeDataString("<script>alert(1)</script> script"), Ct);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);  // the heading and the box show it as typed
        var page = Html.Parse(html);
        var result = Assert.Single(page.QuerySelectorAll("[data-result=article]"));
        Assert.Empty(result.QuerySelectorAll("script, b, img"));
        Assert.All(result.QuerySelectorAll(".search-snippet *"), e => Assert.Equal("MARK", e.TagName));
        Assert.Contains("<mark>script&gt;alert(1)&lt;/script</mark>", result.QuerySelector(".search-snippet")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_results_page_lists_articles_then_the_readers_highlights_in_rank_order()
    {
        var slug = await ImportAsync("pier.txt", Wire("Pier repairs start", "Ana Ruiz", "2024-01-05", "Harbour Desk", "Divers checked the pier's timber piles."));
        var reader = await _app.RegisterAsync("page@example.com");
        var created = await reader.HighlightAsync(_app, slug, "timber piles", note: "ask about the timber source");

        var page = await reader.GetDocumentAsync("/search?q=timber");
        var results = page.QuerySelectorAll("[data-result]").Select(e => e.GetAttribute("data-result")).ToList();
        Assert.Equal(["article", "highlight"], results);
        var link = page.QuerySelector("[data-result=highlight] a.note-quote")!;
        Assert.Equal($"/articles/{slug}#h-{created.GetProperty("id").GetString()}", link.GetAttribute("href"));
        Assert.Contains("<mark>", link.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("1 article and 1 of your highlights", page.QuerySelector("#results-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("timber", page.QuerySelector("input[name=q][type=search]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_empty_search_is_a_calm_page_with_the_language()
    {
        var response = await _app.CreateClient().GetAsync("/search?q=", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(page.QuerySelectorAll("[data-result]"));
        Assert.NotNull(page.QuerySelector("details.search-help[open]"));
        Assert.Empty(page.QuerySelectorAll("[role=alert]"));

        var api = await ApiAsync(_app.CreateClient(), "");
        Assert.Equal(0, api.GetProperty("articles").GetArrayLength());
    }

    [Fact]
    public async Task Every_page_has_the_header_search_form()
    {
        var page = await _app.CreateClient().GetDocumentAsync("/Account/Login");
        var form = page.QuerySelector("header form[role=search]")!;
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        var box = Assert.Single(form.QuerySelectorAll("input[type=search][name=q]"));
        Assert.Equal("Search", page.QuerySelector($"label[for={box.Id}]")!.TextContent.Trim());
    }

    [Fact]
    public async Task My_notes_q_combines_with_its_other_filters()
    {
        var slug = await ImportAsync("notes.txt", Wire("Ferry timetable changes", "Ana Ruiz", "2024-01-05", "Harbour Desk",
            "Morning sailings move earlier. Evening sailings are cut on Sundays."));
        var reader = await _app.RegisterAsync("mynotes@example.com");
        await reader.HighlightAsync(_app, slug, "Morning sailings move earlier", color: "yellow", note: "commuters");
        await reader.HighlightAsync(_app, slug, "Evening sailings are cut", color: "pink", note: "commuters again");

        var both = await reader.GetDocumentAsync("/notes?q=commuters");
        Assert.Equal(2, both.QuerySelectorAll(".note-item").Length);
        var pink = await reader.GetDocumentAsync("/notes?q=commuters&color=pink");
        Assert.Equal("Evening sailings are cut", Assert.Single(pink.QuerySelectorAll(".note-item")).QuerySelector(".note-quote")!.TextContent);
        var none = await reader.GetDocumentAsync("/notes?q=ferry+-sailings");
        Assert.Empty(none.QuerySelectorAll(".note-item"));

        var bad = await reader.GetAsync("/notes?q=" + Uri.EscapeDataString("before:someday"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("before:someday", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
