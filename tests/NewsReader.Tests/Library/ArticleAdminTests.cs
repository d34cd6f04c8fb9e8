using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Library;

/// <summary>
/// What administrators do to an article: a new title (the slug stays, a re-import keeps it unless
/// the file brings a new headline) and delete (the article goes; every reader's notes on it stay,
/// detached, everywhere they find them; its slug is never reused; re-importing brings it back).
/// </summary>
public sealed class ArticleAdminTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private static string Wire(string headline, string body = "The harbour council met on Monday to discuss the new ferry timetable.") =>
        $"date 2024-01-05 By Ana Ruiz\n\n{headline}\n\nHARBOURTON, Jan. 5 (Coast Desk) – {body}\n\nThe vote is due in March, officials said.\n";

    /// <summary>The first account on a fresh app is its administrator.</summary>
    private Task<HttpClient> AdminAsync() => _app.RegisterAsync("admin@example.com");

    private static Task<HttpResponseMessage> RetitleAsync(HttpClient client, string slug, string json) =>
        client.PatchAsync($"/api/articles/{slug}", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private static async Task<string> TitleAsync(HttpClient client, string slug) =>
        (await client.GetDocumentAsync($"/articles/{slug}")).QuerySelector("#article-title")!.TextContent;

    [Fact]
    public async Task Readers_get_403_and_visitors_401_and_nothing_changes()
    {
        var slug = (await _app.ImportAsync("ferry.txt", Wire("Ferry timetable changes"))).Slug!;
        await AdminAsync();
        var reader = await _app.RegisterAsync("reader@example.com");
        Assert.Equal(HttpStatusCode.Forbidden, (await RetitleAsync(reader, slug, """{"title":"Mine now"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"/api/articles/{slug}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Browser().DeleteAsync($"/api/articles/{slug}", Ct)).StatusCode);

        // The page's forms are the administrator's too: a reader posting them is refused.
        var page = await reader.GetStringAsync($"/articles/{slug}", Ct);
        Assert.Null(Html.Parse(page).QuerySelector("[data-delete-article]"));
        var post = await reader.PostAsync($"/articles/{slug}?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.FormToken(page),
        }), Ct);
        // A page answers a refusal with the "not allowed" page, as everywhere else.
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Account/Denied", post.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("Ferry timetable changes", await TitleAsync(reader, slug));
    }

    [Fact]
    public async Task A_new_title_keeps_the_slug_and_shows_in_the_library_and_search()
    {
        var slug = (await _app.ImportAsync("ferry.txt", Wire("Ferry timetable changes"))).Slug!;
        var admin = await AdminAsync();
        var changed = await (await RetitleAsync(admin, slug, """{"title":"  Night ferries return to Harbourton  "}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(slug, changed.GetProperty("slug").GetString());
        Assert.Equal("Night ferries return to Harbourton", changed.GetProperty("title").GetString());

        var visitor = _app.Browser();
        Assert.Equal("Night ferries return to Harbourton", await TitleAsync(visitor, slug));
        Assert.Contains("Night ferries return", (await visitor.GetDocumentAsync("/")).QuerySelector(".article-card-title")!.TextContent, StringComparison.Ordinal);
        var found = await (await visitor.GetAsync("/api/search?q=nocturnal+OR+night+ferries", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([slug], found.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("slug").GetString()));
    }

    [Theory]
    [InlineData("""{"title":""}""", "empty")]
    [InlineData("""{"title":"   "}""", "empty")]
    [InlineData("""{"title":"Two\nlines"}""", "one line")]
    [InlineData("""{"title":5}""", "title")]
    [InlineData("""{"headline":"x"}""", "headline")]
    public async Task A_bad_title_is_400_naming_it_and_changes_nothing(string json, string named)
    {
        var slug = (await _app.ImportAsync("ferry.txt", Wire("Ferry timetable changes"))).Slug!;
        var admin = await AdminAsync();
        var problem = await (await RetitleAsync(admin, slug, json)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.ToString(), StringComparison.Ordinal);
        Assert.Equal("Ferry timetable changes", await TitleAsync(admin, slug));

        var tooLong = JsonSerializer.Serialize(new { title = new string('x', 301) });
        Assert.Contains("at most 300", (await (await RetitleAsync(admin, slug, tooLong)).JsonAsync(HttpStatusCode.BadRequest)).ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await RetitleAsync(admin, "no-such-article", """{"title":"x"}""")).StatusCode);
    }

    [Fact]
    public async Task A_reimport_keeps_the_edited_title_unless_the_file_brings_a_new_headline()
    {
        var slug = (await _app.ImportAsync("ferry.txt", Wire("Ferry timetable changes"))).Slug!;
        var admin = await AdminAsync();
        await (await RetitleAsync(admin, slug, """{"title":"Edited by the desk"}""")).JsonAsync(HttpStatusCode.OK);

        var corrected = await _app.ImportAsync("ferry.txt", Wire("Ferry timetable changes", "The harbour council met on Tuesday to discuss the new ferry timetable."));
        Assert.Equal(slug, corrected.Slug);
        Assert.Equal("Edited by the desk", await TitleAsync(admin, slug));

        await _app.ImportAsync("ferry.txt", Wire("Ferries to run all night", "The harbour council met on Tuesday to discuss the new ferry timetable."));
        Assert.Equal("Ferries to run all night", await TitleAsync(admin, slug));
    }

    [Fact]
    public async Task A_deleted_article_leaves_the_library_search_and_its_url_but_every_reader_keeps_their_notes()
    {
        var slug = (await _app.ImportAsync("ferry.txt", Wire("Ferry timetable changes"))).Slug!;
        var admin = await AdminAsync();
        var reader = await _app.RegisterAsync("keeper@example.com");
        var highlight = await reader.HighlightAsync(_app, slug, "new ferry timetable", color: "green", note: "Ask about **Sundays**.", tags: ["transport"]);
        await reader.SaveArticleNoteAsync(slug, "Follow up in March.");
        await (await reader.PatchJsonAsync($"/api/articles/{slug}/state", new { favorite = true })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/articles/{slug}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/articles/{slug}", Ct)).StatusCode);

        var visitor = _app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/articles/{slug}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/articles/{slug}.txt", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/articles/{slug}/state", Ct)).StatusCode);
        Assert.Empty((await visitor.GetDocumentAsync("/")).QuerySelectorAll($".article-card-title a[href='/articles/{slug}']"));
        Assert.Empty((await reader.GetDocumentAsync("/?filter=favorites")).QuerySelectorAll(".article-card"));
        var search = await (await reader.GetAsync("/api/search?q=ferry", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, search.GetProperty("articles").GetArrayLength());
        Assert.Equal(1, search.GetProperty("highlights").GetArrayLength());   // the reader's own note is still found

        // My notes: the highlight, detached, with its note, tags and the article's title.
        var notes = await reader.GetDocumentAsync("/notes");
        var item = notes.QuerySelector(".note-item")!;
        Assert.Contains("new ferry timetable", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sundays", item.QuerySelector(".note-body")!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("#transport", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("the article was deleted", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ferry timetable changes", item.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(item.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith($"/articles/{slug}", StringComparison.Ordinal));
        var byArticle = await reader.GetDocumentAsync("/notes?view=articles");
        Assert.Contains("Follow up in March.", byArticle.QuerySelector(".article-note-html")!.TextContent, StringComparison.Ordinal);

        // Every export: the quote, the note and the article note; orphaned in CSV, the orphan flag in JSON-LD.
        var markdown = await reader.GetStringAsync("/export?format=md", Ct);
        Assert.Contains("> new ferry timetable", markdown, StringComparison.Ordinal);
        Assert.Contains("Ask about **Sundays**.", markdown, StringComparison.Ordinal);
        Assert.Contains("Follow up in March.", markdown, StringComparison.Ordinal);
        Assert.Contains("**Orphaned**", markdown, StringComparison.Ordinal);
        var csv = (await reader.GetStringAsync("/export?format=csv", Ct)).Split("\r\n");
        Assert.StartsWith("new ferry timetable,Ferry timetable changes,Ana Ruiz,", csv[1], StringComparison.Ordinal);
        Assert.Contains(",Ask about **Sundays**.,orphaned,", csv[1], StringComparison.Ordinal);
        var json = JsonDocument.Parse(await reader.GetStringAsync("/export?format=jsonld", Ct)).RootElement;
        var annotation = json.GetProperty("first").GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == "urn:uuid:" + highlight.GetProperty("id").GetString());
        Assert.True(annotation.GetProperty("orphan").GetBoolean());
        Assert.Equal("new ferry timetable", annotation.GetProperty("target").GetProperty("selector")[0].GetProperty("exact").GetString());
    }

    [Fact]
    public async Task A_deleted_slug_is_never_reused_and_reimporting_the_file_reattaches_what_it_can()
    {
        var slug = (await _app.ImportAsync("ferry.txt", Wire("Ferry timetable changes"))).Slug!;
        var admin = await AdminAsync();
        var reader = await _app.RegisterAsync("reattach@example.com");
        var highlight = await reader.HighlightAsync(_app, slug, "new ferry timetable", note: "Kept.");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/articles/{slug}", Ct)).StatusCode);

        // Another file with the same headline (and even the same text) is another article, at another address.
        var other = await _app.ImportAsync("ferry-copy.txt", Wire("Ferry timetable changes"));
        Assert.NotEqual(slug, other.Slug);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Browser().GetAsync($"/articles/{slug}", Ct)).StatusCode);

        var back = await _app.ImportAsync("ferry.txt", Wire("Ferry timetable changes"));
        Assert.Equal(slug, back.Slug);
        var id = highlight.GetProperty("id").GetString()!;
        var page = await reader.GetDocumentAsync($"/articles/{slug}");
        Assert.NotNull(page.QuerySelector($"mark[data-highlight-id='{id}']"));
        var stored = await _app.WithDbAsync(db => db.Highlights.Where(h => h.Id == Guid.Parse(id)).Select(h => new { h.IsOrphan, h.Note }).SingleAsync(Ct));
        Assert.False(stored.IsOrphan);
        Assert.Equal("Kept.", stored.Note);

        // Its history starts again: revision 1, nothing to compare, the reader told their highlight was found again.
        Assert.Null(page.QuerySelector("[data-updated]"));
        Assert.Single((await reader.GetDocumentAsync($"/articles/{slug}/revisions")).QuerySelectorAll("[data-revision-list] li"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/articles/{slug}/revisions/1", Ct)).StatusCode);
        Assert.Contains("1 of your highlights was re-anchored by its quote", page.QuerySelector("[data-revision-notice]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_article_pages_delete_form_deletes_and_the_library_says_so()
    {
        var slug = (await _app.ImportAsync("ferry.txt", Wire("Ferry timetable changes"))).Slug!;
        var admin = await AdminAsync();
        var page = await admin.GetStringAsync($"/articles/{slug}", Ct);
        var document = Html.Parse(page);
        Assert.Equal("Delete article", document.QuerySelector("button[data-delete-article]")!.TextContent);
        Assert.NotNull(document.QuerySelector("dialog[data-delete-dialog] form button[type=submit].danger"));

        var response = await admin.PostAsync($"/articles/{slug}?handler=Delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.FormToken(page),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var library = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("The article was deleted", library.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/articles/{slug}", Ct)).StatusCode);
    }
}
