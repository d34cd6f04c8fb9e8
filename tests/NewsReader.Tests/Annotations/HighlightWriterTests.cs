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
}
