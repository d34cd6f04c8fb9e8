using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
#if !POSTGRES
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NewsReader.Data;
#endif
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Notes;

/// <summary>
/// My notes lists each tag with the number of the reader's highlights carrying it from
/// <c>ReaderTags</c>, kept by triggers: after every kind of write the counts equal a fresh count
/// of the tags themselves, and a database from before the table gets it filled by its migration.
/// </summary>
public sealed class ReaderTagCountTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private Task<List<string>> KeptAsync() => _app.WithDbAsync(db => db.ReaderTags.AsNoTracking()
        .OrderBy(t => t.UserId).ThenBy(t => t.Name).Select(t => t.UserId + " " + t.Name + " " + t.Highlights).ToListAsync(Ct));

    private Task<List<string>> CountedAsync() => _app.WithDbAsync(db => db.HighlightTags.AsNoTracking()
        .GroupBy(t => new { t.UserId, t.Name }).OrderBy(g => g.Key.UserId).ThenBy(g => g.Key.Name)
        .Select(g => g.Key.UserId + " " + g.Key.Name + " " + g.Count()).ToListAsync(Ct));

    private async Task AssertCountsAsync(params string[] expected)
    {
        var kept = await KeptAsync();
        Assert.Equal(await CountedAsync(), kept);
        Assert.Equal(expected, kept.Select(row => row[(row.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Counts_follow_every_write_that_changes_tags()
    {
        var slug = (await _app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        await _app.RegisterAsync("admin@example.com");
        var reader = await _app.RegisterAsync("counts@example.com");
        var other = await _app.RegisterAsync("other@example.com");

        var first = await reader.HighlightAsync(_app, slug, "grid operator", tags: ["energy", "grid"]);
        var second = await reader.HighlightAsync(_app, slug, "Norway", tags: ["energy"]);
        await other.HighlightAsync(_app, slug, "grid operator", tags: ["energy"]);
        await AssertCountsAsync("energy 1", "energy 2", "grid 1");

        // Edit: one tag renamed, one kept.
        await (await reader.PatchJsonAsync($"/api/highlights/{first.GetProperty("id").GetString()}", new { tags = new[] { "energy", "power" } })).JsonAsync(HttpStatusCode.OK);
        await AssertCountsAsync("energy 1", "energy 2", "power 1");

        // Delete: the last highlight with a tag takes the tag's row with it.
        var delete = await reader.DeleteAsync($"/api/highlights/{first.GetProperty("id").GetString()}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await AssertCountsAsync("energy 1", "energy 1");

        // Restore (the reader's own export, under another tag): what it adds is counted.
        var export = await reader.GetStringAsync("/export?format=jsonld", Ct);
        Assert.Equal(HttpStatusCode.NoContent, (await reader.DeleteAsync($"/api/highlights/{second.GetProperty("id").GetString()}", Ct)).StatusCode);
        await AssertCountsAsync("energy 1");
        var form = await reader.GetStringAsync("/import/annotations", Ct);
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(Html.FormToken(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(export)), "file", "notes.jsonld" },
        };
        Assert.Equal(HttpStatusCode.OK, (await reader.PostAsync("/import/annotations", upload, Ct)).StatusCode);
        await AssertCountsAsync("energy 1", "energy 1");

        // An account that goes takes its counts with it; the other reader's stay.
        Assert.Equal(0, await _app.RunCliAsync("users", "delete", "counts@example.com"));
        await AssertCountsAsync("energy 1");
        var mine = await other.GetDocumentAsync("/notes");
        Assert.Contains("#energy (1)", mine.GetElementById("filter-tag")!.QuerySelectorAll("option").Select(o => o.TextContent));
    }

    [Fact]
    public async Task A_tag_renamed_in_the_database_is_counted_and_found_under_its_new_name()
    {
        // Raw SQL, as an administrator's fix would be: the triggers, not the app, must follow it.
        var slug = (await _app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        await _app.RegisterAsync("admin@example.com");
        var reader = await _app.RegisterAsync("rename@example.com");
        await reader.HighlightAsync(_app, slug, "grid operator", tags: ["energy", "grid"]);
        await reader.HighlightAsync(_app, slug, "Norway", tags: ["energy"]);
        await AssertCountsAsync("energy 2", "grid 1");

        await using (var outside = await OutsideConnection.OpenAsync(_app))
        {
            Assert.Equal(2, await outside.ExecuteAsync("UPDATE \"HighlightTags\" SET \"Name\" = 'power' WHERE \"Name\" = 'energy'"));
        }

        await AssertCountsAsync("grid 1", "power 2");
        async Task<int> FoundAsync(string q) =>
            (await (await reader.GetAsync("/api/search?q=" + Uri.EscapeDataString(q), Ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("highlights").GetArrayLength();
        Assert.Equal(2, await FoundAsync("tag:power"));
        Assert.Equal(0, await FoundAsync("tag:energy"));
        Assert.Equal(1, await FoundAsync("tag:grid"));
    }

    /// <summary>My notes is kept for its reader (ReaderPages) until anything is committed: a second look renders nothing, a new highlight shows at once.</summary>
    [Fact]
    public async Task My_notes_is_kept_for_its_reader_until_something_changes()
    {
        var slug = (await _app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        await _app.RegisterAsync("admin@example.com");
        var reader = await _app.RegisterAsync("kept@example.com");
        await reader.HighlightAsync(_app, slug, "grid operator", tags: ["energy"]);
        await reader.GetStringAsync("/", Ct);                                   // the welcome notice is shown once, there

        // A rendered page has a new antiforgery token; a kept one is the same bytes.
        var first = await reader.GetStringAsync("/notes", Ct);
        Assert.Equal(Html.FormToken(first), Html.FormToken(await reader.GetStringAsync("/notes", Ct)));

        await reader.HighlightAsync(_app, slug, "Norway", tags: ["energy"]);
        var changed = await reader.GetDocumentAsync("/notes");
        Assert.Contains("#energy (2)", changed.GetElementById("filter-tag")!.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal(2, changed.QuerySelectorAll(".note-item").Length);
    }

#if !POSTGRES
    // SQLite's migration adds the counts to databases that had tags; PostgreSQL's first migration makes them with the tables.
    [Fact]
    public async Task The_migration_counts_the_tags_a_database_already_has()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_app.DatabasePath)!);
        var before = DatabaseSchema.Migrations[DatabaseSchema.Migrations.ToList().FindIndex(m => m.EndsWith("_ReaderTagCounts", StringComparison.Ordinal)) - 1];
        await using (var db = new AppDb(new DbContextOptionsBuilder<AppDb>().UseSqlite($"Data Source={_app.DatabasePath};Pooling=False").Options))
        {
            await db.GetService<IMigrator>().MigrateAsync(before, cancellationToken: Ct);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "AspNetUsers" ("Id", "UserName", "Email", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                VALUES ('user-1', 'old@example.com', 'old@example.com', 1, 0, 0, 1, 0);
                INSERT INTO "Articles" ("Id", "Slug", "SourceName", "FileTitle", "Title", "Authors", "SortDate", "Format", "WordCount", "CurrentRevisionId", "RevisionNumber", "ContentHash", "ImportedAt", "UpdatedAt")
                VALUES (7, 'keeper', 'keeper.txt', 'Keeper', 'Keeper', '[]', '2024-01-02', 'WireText', 6, 0, 1, 'hash', '2024-01-02 00:00:00', '2024-01-02 00:00:00');
                INSERT INTO "Highlights" ("Id", "UserId", "ArticleId", "RevisionId", "StartAnchor", "StartOffset", "EndAnchor", "EndOffset", "StartBlock", "EndBlock",
                    "Exact", "Prefix", "Suffix", "Color", "Note", "NoteHtml", "IsOrphan", "CreatedAt", "UpdatedAt")
                VALUES ('3F2504E0-4F89-11D3-9A0C-0305E82C3301', 'user-1', 7, 0, 'p-a', 0, 'p-a', 4, 0, 0, 'keep', '', '', 'green', '', '', 1, '2024-01-03 00:00:00', '2024-01-03 00:00:00'),
                       ('3F2504E0-4F89-11D3-9A0C-0305E82C3302', 'user-1', 7, 0, 'p-a', 0, 'p-a', 4, 0, 0, 'keep', '', '', 'green', '', '', 1, '2024-01-03 00:00:00', '2024-01-03 00:00:00');
                INSERT INTO "HighlightTags" ("HighlightId", "Name", "UserId") VALUES
                    ('3F2504E0-4F89-11D3-9A0C-0305E82C3301', 'people', 'user-1'),
                    ('3F2504E0-4F89-11D3-9A0C-0305E82C3302', 'people', 'user-1'),
                    ('3F2504E0-4F89-11D3-9A0C-0305E82C3302', 'sea', 'user-1');
                """, Ct);
        }

        await AssertCountsAsync("people 2", "sea 1");
    }
#endif
}
