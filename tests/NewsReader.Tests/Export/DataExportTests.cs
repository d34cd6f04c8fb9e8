using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Export;

/// <summary><c>/export?format=zip</c>: the three notes exports, byte for byte, and account.json, of one reader only.</summary>
public sealed class DataExportTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private static async Task<Dictionary<string, byte[]>> EntriesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Matches(@"^newsreader-data-\d{4}-\d{2}-\d{2}\.zip$", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>();
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            entries[entry.FullName] = copy.ToArray();
        }

        return entries;
    }

    [Fact]
    public async Task The_zip_holds_the_three_notes_exports_byte_for_byte_and_the_account()
    {
        var slug = (await _app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        await _app.RegisterAsync("first@example.com");             // the first account administers; this reader does not
        var reader = await _app.RegisterAsync("zip@example.com");
        await reader.HighlightAsync(_app, slug, "grid operator", color: "green", note: "A *note*, with \"quotes\".", tags: ["place"]);
        await reader.SaveArticleNoteAsync(slug, "The whole article, noted.");
        await reader.SaveColorLabelAsync("green", "key claim");
        await (await reader.PutAsJsonAsync($"/api/articles/{slug}/tags", new { tags = new[] { "harbours" } }, Ct)).JsonAsync(HttpStatusCode.OK);
        await (await reader.PatchJsonAsync($"/api/articles/{slug}/state", new { favorite = true, progress = 0.5 })).JsonAsync(HttpStatusCode.OK);
        var other = await _app.RegisterAsync("zip-other@example.com");
        await other.HighlightAsync(_app, slug, "grid operator", note: "Someone else's note.");

        // Made at the same moment (to the second) as the single downloads: the same bytes.
        Dictionary<string, byte[]> entries = [];
        Dictionary<string, byte[]> singles = [];
        for (var attempt = 0; attempt < 3; attempt++)
        {
            singles.Clear();
            foreach (var format in new[] { "md", "jsonld", "csv" })
            {
                singles["notes." + format] = await reader.GetByteArrayAsync($"/export?format={format}", Ct);
            }

            entries = await EntriesAsync(await reader.GetAsync("/export?format=zip", Ct));
            if (singles.All(s => entries[s.Key].AsSpan().SequenceEqual(s.Value)))
            {
                break;
            }
        }

        Assert.Equal(["account.json", "notes.csv", "notes.jsonld", "notes.md"], entries.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in singles)
        {
            Assert.True(entries[name].AsSpan().SequenceEqual(bytes), $"{name} in the zip differs from the single download");
        }

        Assert.DoesNotContain("Someone else's note.", System.Text.Encoding.UTF8.GetString(entries["notes.md"]), StringComparison.Ordinal);

        var account = JsonDocument.Parse(entries["account.json"]).RootElement;
        Assert.Equal("zip@example.com", account.GetProperty("email").GetString());
        Assert.True(account.GetProperty("created").GetDateTime() > DateTime.UtcNow.AddHours(-1));
        Assert.Equal(0, account.GetProperty("roles").GetArrayLength());
        Assert.Equal("key claim", account.GetProperty("colorMeanings").GetProperty("green").GetString());
        var state = Assert.Single(account.GetProperty("readingState").EnumerateArray());
        Assert.Equal(slug, state.GetProperty("article").GetString());
        Assert.True(state.GetProperty("favorite").GetBoolean());
        Assert.Equal(0.5, state.GetProperty("progress").GetDouble());
        var note = Assert.Single(account.GetProperty("articleNotes").EnumerateArray());
        Assert.Equal("The whole article, noted.", note.GetProperty("note").GetString());
        var tags = Assert.Single(account.GetProperty("articleTags").EnumerateArray());
        Assert.Equal(["harbours"], tags.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task An_administrator_is_named_so_and_a_zip_of_one_article_is_400()
    {
        var admin = await _app.RegisterAsync("first@example.com");   // the first account administers
        var entries = await EntriesAsync(await admin.GetAsync("/export?format=zip", Ct));
        var account = JsonDocument.Parse(entries["account.json"]).RootElement;
        Assert.Equal(["Admin"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(0, account.GetProperty("readingState").GetArrayLength());
        Assert.Equal(["account.json", "notes.csv", "notes.jsonld", "notes.md"], entries.Keys.Order(StringComparer.Ordinal));

        var refused = await admin.GetAsync("/export?format=zip&article=anything", Ct);
        var problem = await refused.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("leave out article", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await _app.Browser().GetAsync("/export?format=zip", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_account_page_and_my_notes_link_to_it()
    {
        var reader = await _app.RegisterAsync("links@example.com");
        Assert.NotNull((await reader.GetDocumentAsync("/Account/Password")).QuerySelector("a[href='/export?format=zip']"));
        Assert.NotNull((await reader.GetDocumentAsync("/notes")).QuerySelector("a[href='/export?format=zip']"));
    }
}
