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

    /// <summary>The app with every Serilog event also kept in memory (Serilog reads sinks from the services).</summary>
    private sealed class LoggedApp : TestApp
    {
        public System.Collections.Concurrent.ConcurrentQueue<Serilog.Events.LogEvent> Events { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");  // the request log's level
            builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(new Sink(Events)));
        }

        private sealed class Sink(System.Collections.Concurrent.ConcurrentQueue<Serilog.Events.LogEvent> events) : Serilog.Core.ILogEventSink
        {
            public void Emit(Serilog.Events.LogEvent logEvent) => events.Enqueue(logEvent);
        }
    }

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
}
