using System.Net;
using System.Net.Http.Json;
using System.Text;
using NewsReader.Tests.Export;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Library;

/// <summary>
/// A reader's tags on articles: the API and its every wrong input, the article page's field, the
/// library's tag filter and counts, search's <c>tag:</c>, and the exports.
/// </summary>
public sealed class ArticleTagTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private async Task<string> ImportAsync(string title, string date) =>
        (await _app.ImportAsync($"{title}.txt", $"date {date} By Ana Ruiz\n\n{title}\n\nHARBOURTON, Jan. 5 (Coast Desk) – The {title} was discussed at the council.\n")).Slug!;

    private static Task<HttpResponseMessage> PutTagsAsync(HttpClient client, string slug, object body) =>
        client.PutAsJsonAsync($"/api/articles/{slug}/tags", body, Ct);

    private static async Task<string[]> TagsAsync(HttpClient client, string slug) =>
        (await (await client.GetAsync($"/api/articles/{slug}/tags", Ct)).JsonAsync(HttpStatusCode.OK))
            .GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();

    private static async Task<string[]> SlugsAsync(HttpClient client, string url)
    {
        var document = await client.GetDocumentAsync(url);
        return document.QuerySelectorAll(".article-card-title a").Select(a => a.GetAttribute("href")!["/articles/".Length..]).ToArray();
    }

    [Fact]
    public async Task Tags_are_lower_cased_deduplicated_sorted_and_private_to_the_reader()
    {
        var slug = await ImportAsync("ferry report", "2024-01-03");
        var reader = await _app.RegisterAsync("tags@example.com");
        var saved = await (await PutTagsAsync(reader, slug, new { tags = new[] { "Transport", " #Climate ", "climate", "" } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["climate", "transport"], saved.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["climate", "transport"], await TagsAsync(reader, slug));

        var other = await _app.RegisterAsync("other-tags@example.com");
        Assert.Empty(await TagsAsync(other, slug));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Browser().GetAsync($"/api/articles/{slug}/tags", Ct)).StatusCode);

        await (await PutTagsAsync(reader, slug, new { tags = Array.Empty<string>() })).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(await TagsAsync(reader, slug));
    }

    [Theory]
    [InlineData("""{"tags": ["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u"]}""", "At most 20 tags")]
    [InlineData("""{"tags": ["a-tag-that-is-far-too-long-to-be-a-tag-anyone-types"]}""", "a-tag-that-is-far-to")]
    [InlineData("""{"tags": "climate"}""", "tags")]
    [InlineData("""{"tags": [null]}""", "tags")]
    [InlineData("""{"tags": [3]}""", "tags")]
    [InlineData("""{}""", "tags")]
    [InlineData("""{"tags": [], "colour": "red"}""", "colour")]
    public async Task Bad_tags_are_400_naming_the_problem_and_change_nothing(string json, string named)
    {
        var slug = await ImportAsync("bridge report", "2024-01-02");
        var reader = await _app.RegisterAsync("bad-tags@example.com");
        await (await PutTagsAsync(reader, slug, new { tags = new[] { "kept" } })).JsonAsync(HttpStatusCode.OK);

        var response = await reader.PutAsync($"/api/articles/{slug}/tags", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(["kept"], await TagsAsync(reader, slug));
    }

    [Fact]
    public async Task An_unknown_article_is_404_and_a_change_without_the_antiforgery_token_is_refused()
    {
        var slug = await ImportAsync("tunnel report", "2024-01-01");
        var reader = await _app.RegisterAsync("tags-404@example.com");
        Assert.Equal(HttpStatusCode.NotFound, (await PutTagsAsync(reader, "no-such-article", new { tags = new[] { "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/articles/no-such-article/tags", Ct)).StatusCode);

        reader.DefaultRequestHeaders.Remove("RequestVerificationToken");
        Assert.Equal(HttpStatusCode.BadRequest, (await PutTagsAsync(reader, slug, new { tags = new[] { "x" } })).StatusCode);
        Assert.Empty(await TagsAsync(reader, slug));
    }

    [Fact]
    public async Task The_article_page_field_saves_tags_and_shows_them()
    {
        var slug = await ImportAsync("quay report", "2024-01-01");
        var reader = await _app.RegisterAsync("tags-form@example.com");
        var page = await reader.GetStringAsync($"/articles/{slug}", Ct);
        var response = await reader.PostAsync($"/articles/{slug}?handler=Tags", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tags"] = "Harbours, council",
            ["__RequestVerificationToken"] = Html.FormToken(page),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["council", "harbours"], await TagsAsync(reader, slug));

        var document = await reader.GetDocumentAsync($"/articles/{slug}");
        Assert.Equal("council, harbours", document.QuerySelector("#article-tags-input")!.GetAttribute("value"));
        Assert.Equal(["#council", "#harbours"], document.QuerySelectorAll("[data-article-tag-list] a").Select(a => a.TextContent));
        Assert.Equal("Article tags", document.QuerySelector("label[for=article-tags-input]")!.TextContent);
    }

    [Fact]
    public async Task The_library_filters_by_tag_and_lists_the_readers_tags_with_counts()
    {
        var ferry = await ImportAsync("ferry report", "2024-01-03");
        var bridge = await ImportAsync("bridge report", "2024-01-02");
        var tunnel = await ImportAsync("tunnel report", "2024-01-01");
        var reader = await _app.RegisterAsync("tag-library@example.com");
        await (await PutTagsAsync(reader, ferry, new { tags = new[] { "climate", "boats" } })).JsonAsync(HttpStatusCode.OK);
        await (await PutTagsAsync(reader, tunnel, new { tags = new[] { "climate" } })).JsonAsync(HttpStatusCode.OK);
        await (await reader.PatchJsonAsync($"/api/articles/{tunnel}/state", new { archived = true })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal([ferry], await SlugsAsync(reader, "/?tag=climate"));               // the archived one stays put away
        Assert.Equal([tunnel], await SlugsAsync(reader, "/?tag=Climate&filter=archived"));
        Assert.Equal([ferry, bridge], await SlugsAsync(reader, "/"));

        var page = await reader.GetDocumentAsync("/?tag=climate");
        var tags = page.QuerySelectorAll("nav[aria-label='Your tags'] li").Select(li => li.TextContent.Trim()).ToArray();
        Assert.Equal(["#boats (1)", "#climate (2)"], tags);
        Assert.Equal("#climate", page.QuerySelector("nav[aria-label='Your tags'] a[aria-current=page]")!.TextContent);

        // Another reader and a visitor have no tags: the filter finds nothing for them.
        Assert.Empty(await SlugsAsync(await _app.RegisterAsync("no-tags@example.com"), "/?tag=climate"));
        Assert.Empty(await SlugsAsync(_app.Browser(), "/?tag=climate"));
    }

    [Fact]
    public async Task Search_tag_finds_the_readers_tagged_articles_and_highlights_and_nobody_elses()
    {
        var ferry = await ImportAsync("ferry report", "2024-01-03");
        var bridge = await ImportAsync("bridge report", "2024-01-02");
        var reader = await _app.RegisterAsync("tag-search@example.com");
        await (await PutTagsAsync(reader, ferry, new { tags = new[] { "climate", "transport" } })).JsonAsync(HttpStatusCode.OK);
        await (await PutTagsAsync(reader, bridge, new { tags = new[] { "transport" } })).JsonAsync(HttpStatusCode.OK);
        var highlight = await reader.HighlightAsync(_app, bridge, "bridge report", tags: ["climate"]);

        var found = await (await reader.GetAsync("/api/search?q=tag:climate", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([ferry], found.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("slug").GetString()));
        Assert.Equal([highlight.GetProperty("id").GetString()], found.GetProperty("highlights").EnumerateArray().Select(h => h.GetProperty("id").GetString()));
        var withWords = await (await reader.GetAsync("/api/search?q=council+tag:climate", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([ferry], withWords.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("slug").GetString()));
        var oneTag = await (await reader.GetAsync("/api/search?q=council+tag:transport", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([bridge, ferry], oneTag.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("slug").GetString()).Order(StringComparer.Ordinal));
        var bothTags = await (await reader.GetAsync("/api/search?q=council+tag:transport+tag:climate", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([ferry], bothTags.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("slug").GetString()));

        var other = await _app.RegisterAsync("tag-search-other@example.com");
        var theirs = await (await other.GetAsync("/api/search?q=tag:climate", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, theirs.GetProperty("articles").GetArrayLength());
        Assert.Equal(0, theirs.GetProperty("highlights").GetArrayLength());
        var visitor = await (await _app.Browser().GetAsync("/api/search?q=tag:climate", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, visitor.GetProperty("articles").GetArrayLength());
    }

    [Fact]
    public async Task Exports_carry_the_article_tags_in_every_format()
    {
        var ferry = await ImportAsync("ferry report", "2024-01-03");
        var bridge = await ImportAsync("bridge report", "2024-01-02");
        var reader = await _app.RegisterAsync("tag-export@example.com");
        await (await PutTagsAsync(reader, ferry, new { tags = new[] { "climate", "boats" } })).JsonAsync(HttpStatusCode.OK);
        await reader.HighlightAsync(_app, ferry, "ferry report", note: "Check the timetable.");
        await (await PutTagsAsync(reader, bridge, new { tags = new[] { "later" } })).JsonAsync(HttpStatusCode.OK);   // tags, nothing else

        var markdown = await reader.GetStringAsync("/export?format=md", Ct);
        Assert.Contains("- Tags: #boats, #climate\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- Tags: #later\n", markdown, StringComparison.Ordinal);

        var csv = (await reader.GetStringAsync("/export?format=csv", Ct)).Split("\r\n");
        Assert.Equal("Highlight,Title,Author,URL,Note,Location,Date,Color,Tags,Document tags", csv[0]);
        Assert.EndsWith(",yellow,,\"boats, climate\"", csv[1], StringComparison.Ordinal);

        var json = await reader.GetStringAsync("/export?format=jsonld", Ct);
        await W3cValidator.AssertValidAsync(json);
        var items = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("first").GetProperty("items").EnumerateArray().ToList();
        var articleAnnotations = items.Where(i => i.GetProperty("target").ValueKind == System.Text.Json.JsonValueKind.String).ToList();
        Assert.Equal(2, articleAnnotations.Count);
        var ferryTags = articleAnnotations.Single(i => i.GetProperty("target").GetString()!.EndsWith("/articles/" + ferry, StringComparison.Ordinal));
        Assert.Equal("tagging", ferryTags.GetProperty("motivation").GetString());
        Assert.Equal(["boats", "climate"], ferryTags.GetProperty("body").EnumerateArray()
            .Where(b => b.GetProperty("purpose").GetString() == "tagging").Select(b => b.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task A_restore_of_an_export_brings_the_article_tags_back()
    {
        var ferry = await ImportAsync("ferry report", "2024-01-03");
        var reader = await _app.RegisterAsync("tag-restore@example.com");
        await (await PutTagsAsync(reader, ferry, new { tags = new[] { "climate", "boats" } })).JsonAsync(HttpStatusCode.OK);
        var json = await reader.GetStringAsync("/export?format=jsonld", Ct);

        var other = await _app.RegisterAsync("tag-restore-other@example.com");
        var page = await other.GetStringAsync("/import/annotations", Ct);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Html.FormToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "file", "notes.jsonld" },
        };
        var response = await other.PostAsync("/import/annotations", form, Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"restore answered {response.StatusCode}");
        Assert.Equal(["boats", "climate"], await TagsAsync(other, ferry));
    }
}
