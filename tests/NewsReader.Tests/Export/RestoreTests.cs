using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Export;

/// <summary>Restore: export → fresh database with the same articles → restore gives the same notes; twice adds nothing.</summary>
public sealed class RestoreTests(RestoreTests.App app) : IClassFixture<RestoreTests.App>
{
    public sealed class App : NotesScenario;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Everything a highlight is, its place only when it has one (an orphan's old place is not data).</summary>
    private sealed record Snapshot(Guid Id, string Exact, string Prefix, string Suffix, string Color, string Note, string Tags,
        bool IsOrphan, DateTime CreatedAt, DateTime UpdatedAt, string? Start, string? End, int? StartBlock, int? EndBlock);

    [Fact]
    public async Task Export_then_restore_into_a_fresh_database_reproduces_every_highlight_and_a_second_restore_adds_nothing()
    {
        var exported = await app.Reader.GetStringAsync("/export?format=jsonld", Ct);
        var original = await SnapshotAsync(app, NotesScenario.ReaderEmail);

        await using var fresh = new TestApp();
        await NotesScenario.ImportArticlesAsync(fresh, updated: false);
        await NotesScenario.ImportArticlesAsync(fresh, updated: true);
        var reader = await fresh.RegisterAsync(NotesScenario.ReaderEmail);

        var (status, page) = await RestoreAsync(reader, exported);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("11 highlight(s) restored, 1 of them detached", page.QuerySelector(".restore-report")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(original, await SnapshotAsync(fresh, NotesScenario.ReaderEmail));
        Assert.Equal(await ArticleNotesAsync(app, NotesScenario.ReaderEmail), await ArticleNotesAsync(fresh, NotesScenario.ReaderEmail));
        Assert.Equal(
            new Dictionary<string, string> { ["yellow"] = "key claim", ["blue"] = "context, \"background\"" },
            await fresh.WithDbAsync(db => db.ColorLabels.ToDictionaryAsync(l => l.Color, l => l.Label, Ct)));

        // Exported again, every annotation is the same, byte for byte.
        Assert.Equal(Items(exported), Items(await reader.GetStringAsync("/export?format=jsonld", Ct)));

        var (again, secondPage) = await RestoreAsync(reader, exported);
        Assert.Equal(HttpStatusCode.OK, again);
        var report = secondPage.QuerySelector(".restore-report")!.TextContent;
        Assert.Contains("0 highlight(s) restored", report, StringComparison.Ordinal);
        Assert.Contains("12 already in your notes", report, StringComparison.Ordinal);
        Assert.Equal(original, await SnapshotAsync(fresh, NotesScenario.ReaderEmail));
        Assert.Equal(await ArticleNotesAsync(app, NotesScenario.ReaderEmail), await ArticleNotesAsync(fresh, NotesScenario.ReaderEmail));
    }

    [Theory]
    [InlineData("{ \"type\": \"AnnotationCollection\", \"first\": { \"items\": [", "The file is not valid JSON")]
    [InlineData("""{"type": "Highlights", "items": []}""", "The file's type is 'Highlights'")]
    [InlineData("""
        [
          {"type": "Annotation", "target": {"source": "http://localhost/articles/night-trains-return-to-the-alps", "selector": {"type": "TextQuoteSelector", "exact": "a brass band"}}},
          {"id": "urn:uuid:00000000-0000-0000-0000-000000000001", "type": "Annotation"}
        ]
        """, "Annotation 2 (urn:uuid:00000000-0000-0000-0000-000000000001): it has no target")]
    public async Task A_malformed_file_is_rejected_with_its_problem_named_and_nothing_changes(string json, string problem)
    {
        var before = await SnapshotAsync(app, NotesScenario.ReaderEmail);

        var (status, page) = await RestoreAsync(app.Reader, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var summary = page.QuerySelector(".error-summary")!;
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Contains("Nothing was changed", summary.TextContent, StringComparison.Ordinal);
        Assert.Contains(problem, summary.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app, NotesScenario.ReaderEmail));
    }

    [Fact]
    public async Task Other_tools_annotations_are_anchored_by_quote_or_kept_as_orphans_and_missing_articles_reported()
    {
        var client = await app.RegisterAsync("other-tool@example.com");
        var json = """
            [
              {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "id": "urn:uuid:7d1b7a52-0b8e-4c1e-9a51-1f0e2a7c9d10",
                "type": "Annotation",
                "target": {"source": "https://elsewhere.example:8443/articles/RTL_SLUG", "selector": {"type": "TextQuoteSelector", "exact": "Tickets for the extra night"}},
                "highlightColor": "green"
              },
              {
                "id": "https://hypothes.is/a/anchored",
                "type": "Annotation",
                "motivation": "commenting",
                "bodyValue": "From another tool",
                "target": {
                  "source": {"id": "https://news.example.org/night-trains", "title": "Night trains return to the Alps"},
                  "selector": [{"type": "TextQuoteSelector", "exact": "a brass band", "prefix": "passengers and "}]
                }
              },
              {
                "id": "https://hypothes.is/a/not-found",
                "type": "Annotation",
                "body": [{"type": "TextualBody", "value": "still worth keeping"}, {"type": "TextualBody", "value": "Trains", "purpose": "tagging"}],
                "target": {
                  "source": {"id": "https://news.example.org/night-trains", "title": "Night trains return to the Alps"},
                  "selector": {"type": "TextQuoteSelector", "exact": "a passage that is nowhere in the article"}
                }
              },
              {"type": "Annotation", "target": {"source": "http://localhost:5000/articles/no-such-article", "selector": {"type": "TextQuoteSelector", "exact": "gone"}}},
              {"type": "Annotation", "motivation": "bookmarking", "target": "https://news.example.org/night-trains"}
            ]
            """.Replace("RTL_SLUG", app.Rtl, StringComparison.Ordinal);

        var (status, page) = await RestoreAsync(client, json);

        Assert.Equal(HttpStatusCode.OK, status);
        var report = page.QuerySelector(".restore-report")!.TextContent;
        Assert.Contains("3 highlight(s) restored, 1 of them detached", report, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5000/articles/no-such-article: 1 annotation(s)", page.QuerySelector(".restore-missing")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("nothing to restore", report, StringComparison.Ordinal);

        var highlights = await app.WithDbAsync(db => db.Highlights.Include(h => h.Tags)
            .Where(h => db.Users.Any(u => u.Id == h.UserId && u.Email == "other-tool@example.com")).ToListAsync(Ct));
        Assert.Equal(3, highlights.Count);

        var byUrl = Assert.Single(highlights, h => h.Exact == "Tickets for the extra night");
        Assert.Equal(Guid.Parse("7d1b7a52-0b8e-4c1e-9a51-1f0e2a7c9d10"), byUrl.Id);
        Assert.Equal("green", byUrl.Color);
        await AssertPlacedAsync(app.Rtl, byUrl);

        var byTitle = Assert.Single(highlights, h => h.Exact == "a brass band");
        Assert.Equal(("From another tool", "yellow"), (byTitle.Note, byTitle.Color));
        await AssertPlacedAsync(app.Markdown, byTitle);

        var orphan = Assert.Single(highlights, h => h.IsOrphan);
        Assert.Equal(("a passage that is nowhere in the article", "still worth keeping"), (orphan.Exact, orphan.Note));
        Assert.Equal(["trains"], orphan.Tags.Select(t => t.Name));

        var (_, second) = await RestoreAsync(client, json);
        Assert.Contains("0 highlight(s) restored", second.QuerySelector(".restore-report")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(db => db.Highlights.CountAsync(h => db.Users.Any(u => u.Id == h.UserId && u.Email == "other-tool@example.com"), Ct)));
    }

    [Fact]
    public async Task Ids_held_by_another_reader_are_not_taken_and_a_second_restore_still_adds_nothing()
    {
        var exported = await app.Reader.GetStringAsync("/export?format=jsonld", Ct);
        var client = await app.RegisterAsync("colleague@example.com");
        var readerBefore = await SnapshotAsync(app, NotesScenario.ReaderEmail);

        await RestoreAsync(client, exported);
        await RestoreAsync(client, exported);

        var copies = await SnapshotAsync(app, "colleague@example.com");
        Assert.Equal(NotesScenario.HighlightCount, copies.Count);
        Assert.Empty(copies.Select(c => c.Id).Intersect(readerBefore.Select(r => r.Id)));
        Assert.Equal(readerBefore.Select(r => r with { Id = Guid.Empty }).OrderBy(r => r.Exact, StringComparer.Ordinal),
            copies.Select(c => c with { Id = Guid.Empty }).OrderBy(c => c.Exact, StringComparer.Ordinal));
        Assert.Equal(readerBefore, await SnapshotAsync(app, NotesScenario.ReaderEmail));
    }

    [Fact]
    public async Task The_restore_page_needs_a_signed_in_reader_and_labels_its_file_input()
    {
        var anonymous = await app.Browser().GetAsync("/import/annotations", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/Account/Login", anonymous.Headers.Location?.AbsolutePath);

        var page = await app.Reader.GetDocumentAsync("/import/annotations");
        Assert.Equal("Restore notes", page.QuerySelector("h1")?.TextContent);
        var input = page.QuerySelector("input[type=file]")!;
        Assert.NotNull(page.QuerySelector($"label[for={input.Id}]"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));

        var (status, empty) = await RestoreAsync(app.Reader, null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Choose a JSON-LD file", empty.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_restores_a_file_and_says_by_its_exit_code_what_happened()
    {
        await app.RegisterAsync("cli@example.com");
        await app.RegisterAsync("cli-missing@example.com");
        var exported = await app.Reader.GetStringAsync($"/export?format=jsonld&article={app.Rtl}", Ct);
        var file = Path.Combine(Path.GetTempPath(), $"newsreader-restore-{Guid.NewGuid():N}.jsonld");
        try
        {
            await File.WriteAllTextAsync(file, exported, Ct);
            Assert.Equal(0, await RunAsync("import-annotations", "--user", "cli@example.com", file));
            Assert.Equal(0, await RunAsync("import-annotations", "--user", "cli@example.com", file));
            Assert.Equal(4, await app.WithDbAsync(db => db.Highlights.CountAsync(h => db.Users.Any(u => u.Id == h.UserId && u.Email == "cli@example.com"), Ct)));

            await File.WriteAllTextAsync(file, exported.Replace($"/articles/{app.Rtl}", "/articles/not-here", StringComparison.Ordinal), Ct);
            Assert.Equal(3, await RunAsync("import-annotations", "--user", "cli-missing@example.com", file));

            await File.WriteAllTextAsync(file, "not json", Ct);
            Assert.Equal(1, await RunAsync("import-annotations", "--user", "cli@example.com", file));
            Assert.Equal(2, await RunAsync("import-annotations", file));
            Assert.Equal(2, await RunAsync("import-annotations", "--user", "cli@example.com", file + ".missing"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private Task<int> RunAsync(params string[] args) => app.RunCliAsync(args);

    private async Task AssertPlacedAsync(string slug, NewsReader.Annotations.Highlight highlight)
    {
        var text = await app.ArticleTextAsync(slug);
        Assert.False(highlight.IsOrphan);
        var start = text.ToOffset(highlight.StartAnchor, highlight.StartOffset)!.Value;
        var end = text.ToOffset(highlight.EndAnchor, highlight.EndOffset)!.Value;
        Assert.Equal(highlight.Exact, text.Slice(start, end));
    }

    private static async Task<(HttpStatusCode Status, IHtmlDocument Page)> RestoreAsync(HttpClient client, string? json)
    {
        var form = await client.GetStringAsync("/import/annotations", Ct);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Html.FormToken(form)), "__RequestVerificationToken" },
        };
        if (json is not null)
        {
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "file", "notes.jsonld");
        }

        var response = await client.PostAsync("/import/annotations", content, Ct);
        return (response.StatusCode, Html.Parse(await response.Content.ReadAsStringAsync(Ct)));
    }

    private static Task<List<Snapshot>> SnapshotAsync(TestApp app, string email) => app.WithDbAsync(async db =>
        (await db.Highlights.AsNoTracking().Include(h => h.Tags)
            .Where(h => db.Users.Any(u => u.Id == h.UserId && u.Email == email))
            .ToListAsync(Ct))
        .Select(h => new Snapshot(h.Id, h.Exact, h.Prefix, h.Suffix, h.Color, h.Note,
            string.Join(",", h.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)), h.IsOrphan, h.CreatedAt, h.UpdatedAt,
            h.IsOrphan ? null : $"{h.StartAnchor}:{h.StartOffset}", h.IsOrphan ? null : $"{h.EndAnchor}:{h.EndOffset}",
            h.IsOrphan ? null : h.StartBlock, h.IsOrphan ? null : h.EndBlock))
        .OrderBy(s => s.Id)
        .ToList());

    private static Task<List<(string Slug, string Note, DateTime CreatedAt, DateTime UpdatedAt)>> ArticleNotesAsync(TestApp app, string email) =>
        app.WithDbAsync(async db => (await db.ArticleNotes.AsNoTracking()
                .Where(n => db.Users.Any(u => u.Id == n.UserId && u.Email == email))
                .Join(db.Articles, n => n.ArticleId, a => a.Id, (n, a) => new { a.Slug, n.Note, n.CreatedAt, n.UpdatedAt })
                .ToListAsync(Ct))
            .Select(n => (n.Slug, n.Note, n.CreatedAt, n.UpdatedAt))
            .ToList());

    /// <summary>Each annotation's JSON by its id.</summary>
    private static SortedDictionary<string, string> Items(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new SortedDictionary<string, string>(
            document.RootElement.GetProperty("first").GetProperty("items").EnumerateArray()
                .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetRawText()),
            StringComparer.Ordinal);
    }
}
