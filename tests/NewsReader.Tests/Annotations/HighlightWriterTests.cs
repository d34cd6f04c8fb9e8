using System.Net;
using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Annotations;

/// <summary>
/// Group commit answers each create once its row is in, and writes nothing for a client that gave
/// up first; that request is logged as the client's leaving (499), not as a server error.
/// </summary>
public sealed class HighlightWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_whose_client_gave_up_before_its_batch_was_written_is_not_stored_nor_logged_as_a_failure()
    {
        using var app = new LoggedApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("gave-up@example.com");
        var text = await app.ArticleTextAsync(slug);
        object Body(string exact)
        {
            var start = text.Text.IndexOf(exact, StringComparison.Ordinal);
            var range = text.ToRange(start, start + exact.Length);
            return new
            {
                start = new { anchor = range.Start.Anchor, offset = range.Start.Offset },
                end = new { anchor = range.End.Anchor, offset = range.End.Offset },
                exact,
            };
        }

        HttpStatusCode kept;
        await using (var other = await OutsideConnection.OpenAsync(app))
        {
            // Another writer holds the lock: the first create's batch waits for it.
            await other.HoldWritesAsync("Highlights");

            var first = reader.PostJsonAsync($"/api/articles/{slug}/highlights", Body("dry winter"));
            await Task.Delay(300, Ct);
            using var giveUp = new CancellationTokenSource();
            var second = reader.PostAsync($"/api/articles/{slug}/highlights",
                System.Net.Http.Json.JsonContent.Create(Body("higher power prices")), giveUp.Token);
            await Task.Delay(300, Ct);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);

            await other.ReleaseAsync();
            kept = (await first).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, kept);
        await Task.Delay(200, Ct);
        var quotes = await app.WithDbAsync(db => db.Highlights.Select(h => h.Exact).ToListAsync(Ct));
        Assert.Equal(["dry winter"], quotes);

        var creates = app.Events
            .Where(e => e.Properties.TryGetValue("RequestPath", out var path) && path.ToString().Contains("/highlights", StringComparison.Ordinal)
                && e.Properties.ContainsKey("StatusCode"))         // the request's own line, not others logged during it
            .Select(e => (e.Level, Status: e.Properties["StatusCode"].ToString()))
            .ToList();
        Assert.Equal([(Serilog.Events.LogEventLevel.Information, "201"), (Serilog.Events.LogEventLevel.Information, "499")], creates.Order().ToList());
    }

    [Fact]
    public async Task Highlights_queued_behind_a_busy_writer_are_written_together_with_their_notes_tags_counts_and_search_index()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("batch@example.com");
        var phrases = new[] { "dry winter", "higher power prices", "grid operator" };
        Task<System.Text.Json.JsonElement> Create(int i) =>
            reader.HighlightAsync(app, slug, phrases[i % 3], note: $"batch note **zebra{i}**", tags: ["shared", $"kiwi{i}"]);

        System.Text.Json.JsonElement[] created;
        await using (var other = await OutsideConnection.OpenAsync(app))
        {
            // The first create's batch waits for the lock; the next five queue behind it and are
            // written as one batch (on PostgreSQL: one COPY for the highlights, one for their tags).
            await other.HoldWritesAsync("Highlights");
            var first = Create(0);
            await Task.Delay(300, Ct);
            var rest = Enumerable.Range(1, 5).Select(Create).ToList();
            await Task.Delay(300, Ct);
            await other.ReleaseAsync();
            created = await Task.WhenAll(rest.Prepend(first));
        }

        var stored = await (await reader.GetAsync($"/api/articles/{slug}/highlights", Ct)).JsonAsync(HttpStatusCode.OK);
        var byId = stored.EnumerateArray().ToDictionary(h => h.GetProperty("id").GetGuid());
        for (var i = 0; i < created.Length; i++)
        {
            var highlight = byId[created[i].GetProperty("id").GetGuid()];
            Assert.Equal(phrases[i % 3], highlight.GetProperty("exact").GetString());
            Assert.Equal($"batch note **zebra{i}**", highlight.GetProperty("note").GetString());
            Assert.Contains($"<strong>zebra{i}</strong>", highlight.GetProperty("noteHtml").GetString(), StringComparison.Ordinal);
            Assert.Equal(["kiwi" + i, "shared"], highlight.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal));

            // Indexed with its note and its tags.
            foreach (var word in new[] { $"zebra{i}", $"kiwi{i}" })
            {
                var found = await (await reader.GetAsync("/api/search?q=" + word, Ct)).JsonAsync(HttpStatusCode.OK);
                Assert.Equal(highlight.GetProperty("id").GetGuid(), Assert.Single(found.GetProperty("highlights").EnumerateArray()).GetProperty("id").GetGuid());
            }
        }

        Assert.Equal(6, byId.Count);
        var counts = await app.WithDbAsync(db => db.ReaderTags.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Name + " " + t.Highlights).ToListAsync(Ct));
        Assert.Equal(["kiwi0 1", "kiwi1 1", "kiwi2 1", "kiwi3 1", "kiwi4 1", "kiwi5 1", "shared 6"], counts);
    }
    [Fact]
    public async Task A_highlight_whose_article_was_deleted_while_it_waited_in_a_batch_is_refused_alone_and_the_others_are_stored()
    {
        using var app = new TestApp();
        var doomed = (await app.ImportFixtureAsync("wire-crlf-bom.txt")).Slug!;
        var kept = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("deleted-meanwhile@example.com");
        var text = await app.ArticleTextAsync(doomed);
        var start = text.Text.IndexOf("leap-day ferry", StringComparison.Ordinal);
        var range = text.ToRange(start, start + "leap-day ferry".Length);

        HttpResponseMessage lost;
        System.Text.Json.JsonElement[] stored;
        await using (var other = await OutsideConnection.OpenAsync(app))
        {
            await other.HoldWritesAsync("Highlights");
            var onDoomed = reader.PostJsonAsync($"/api/articles/{doomed}/highlights", new
            {
                start = new { anchor = range.Start.Anchor, offset = range.Start.Offset },
                end = new { anchor = range.End.Anchor, offset = range.End.Offset },
                exact = "leap-day ferry",
                color = "yellow",
            });
            await Task.Delay(300, Ct);
            var onKept = new[] { "dry winter", "grid operator" }.Select(p => reader.HighlightAsync(app, kept, p)).ToList();
            await Task.Delay(300, Ct);

            // Its row is deleted outright meanwhile (raw SQL, another tool on the database).
            await other.ExecuteAsync("DELETE FROM \"Articles\" WHERE \"Slug\" = @slug", ("@slug", doomed));
            await other.CommitAsync();
            lost = await onDoomed;
            stored = await Task.WhenAll(onKept);
        }

        await lost.JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(2, stored.Length);
        Assert.Equal(2, await app.WithDbAsync(db => db.Highlights.CountAsync(Ct)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Highlights.CountAsync(h => !db.Articles.Any(a => a.Id == h.ArticleId && a.DeletedAt == null), Ct)));
    }

    [Fact]
    public async Task A_batch_stores_every_column_as_a_highlight_written_alone_does()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("same-columns@example.com");
        await reader.HighlightAsync(app, slug, "dry winter", note: "alone", tags: ["solo"]);
        await using (var other = await OutsideConnection.OpenAsync(app))
        {
            await other.HoldWritesAsync("Highlights");
            var first = reader.HighlightAsync(app, slug, "grid operator", color: "blue", note: "first", tags: ["pair"]);
            await Task.Delay(300, Ct);
            var rest = new[] { "higher power prices", "dry winter" }.Select(p => reader.HighlightAsync(app, slug, p, note: "batched", tags: ["pair"])).ToList();
            await Task.Delay(300, Ct);
            await other.ReleaseAsync();
            await Task.WhenAll(rest.Prepend(first));
        }

        // Every column of every row read back by EF Core, as the app reads them: equal to what the API answered.
        var highlights = await reader.GetAsync($"/api/articles/{slug}/highlights", Ct);
        var listed = (await highlights.JsonAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(4, listed.Count);
        var rows = await app.WithDbAsync(db => db.Highlights.AsNoTracking().Include(h => h.Tags).ToListAsync(Ct));
        foreach (var row in rows)
        {
            var view = listed.Single(h => h.GetProperty("id").GetGuid() == row.Id);
            Assert.Equal(view.GetProperty("exact").GetString(), row.Exact);
            Assert.Equal(view.GetProperty("note").GetString(), row.Note);
            Assert.Equal(1, row.Version);
            Assert.Equal(DateTimeKind.Utc, row.CreatedAt.Kind);
            Assert.Equal(view.GetProperty("createdAt").GetDateTime().ToUniversalTime(), row.CreatedAt);
            Assert.All(row.Tags, tag => Assert.Equal(row.UserId, tag.UserId));
        }

        // As the database keeps them: one storage class per column, whichever way the row was written.
        await using var check = await OutsideConnection.OpenAsync(app);
        foreach (var column in new[] { "Id", "UserId", "ArticleId", "RevisionId", "CreatedAt", "UpdatedAt", "Color", "Note", "Version" })
        {
            Assert.Equal(1L, Convert.ToInt64(await check.ScalarAsync($"SELECT COUNT(DISTINCT {StorageOf(column)}) FROM \"Highlights\""), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(1L, Convert.ToInt64(await check.ScalarAsync($"SELECT COUNT(DISTINCT {StorageOf("HighlightId")}) FROM \"HighlightTags\""), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4L, Convert.ToInt64(await check.ScalarAsync("SELECT COUNT(*) FROM \"Highlights\" WHERE \"Id\" IN (SELECT \"HighlightId\" FROM \"HighlightTags\")"), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A column's storage class and text length (SQLite); its type (PostgreSQL, where a column has one).</summary>
    private static string StorageOf(string column) =>
#if POSTGRES
        $"pg_typeof(\"{column}\")::text";
#else
        $"typeof(\"{column}\") || CASE WHEN typeof(\"{column}\") = 'text' AND \"{column}\" GLOB '*[0-9]*' AND \"{column}\" NOT GLOB '*[a-z ]*' THEN length(\"{column}\") ELSE '' END";
#endif
}
