using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsReader.Export;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Export;

/// <summary>Runs alone: it measures how long other requests wait while a restore writes.</summary>
[CollectionDefinition(nameof(Alone), DisableParallelization = true)]
public sealed class Alone;

/// <summary>
/// A restore writes in short transactions: other readers are never locked out while it runs, an
/// interrupted one is completed by running it again, and uploads are bounded.
/// </summary>
[Collection(nameof(Alone))]
public sealed class RestoreHardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string json)
    {
        var form = await client.GetStringAsync("/import/annotations", Ct);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Html.FormToken(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "file", "notes.jsonld" },
        };
        return await client.PostAsync("/import/annotations", content, Ct);
    }

    [Fact]
    public async Task While_30000_annotations_are_restored_other_readers_writes_and_sign_ins_answer_within_2_seconds()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var restorer = await app.RegisterAsync("restorer@example.com");
        var other = await app.RegisterAsync("other@example.com");
        var json = await AnnotationFiles.ManyHighlightsAsync(app, slug, 30_000);

        var restore = UploadAsync(restorer, json);
        var timings = new List<(string What, HttpStatusCode Status, TimeSpan Took)>();
        async Task TimeAsync(string what, Func<Task<HttpResponseMessage>> request)
        {
            var clock = Stopwatch.StartNew();
            var response = await request();
            timings.Add((what, response.StatusCode, clock.Elapsed));
        }

        var text = await app.ArticleTextAsync(slug);
        var range = text.ToRange(0, 4);
        // Other readers at a steady pace (a few writes a second each), not a benchmark's flood.
        for (var i = 0; !restore.IsCompleted; i++)
        {
            await Task.Delay(100, Ct);
            await TimeAsync("create", () => other.PostJsonAsync($"/api/articles/{slug}/highlights", new
            {
                start = new { anchor = range.Start.Anchor, offset = range.Start.Offset },
                end = new { anchor = range.End.Anchor, offset = range.End.Offset },
                exact = text.Text[..4],
            }));
            await TimeAsync("note", () => other.PutAsJsonAsync($"/api/articles/{slug}/note", new { note = $"note {i}" }, Ct));
            var visitor = app.Browser();
            var signUp = await visitor.GetStringAsync("/Account/Register", Ct);
            await TimeAsync("register", () => visitor.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = $"newcomer{i}@example.com",
                ["Input.Password"] = Readers.Password,
                ["Input.ConfirmPassword"] = Readers.Password,
                ["__RequestVerificationToken"] = Html.FormToken(signUp),
            }), Ct));
            var stranger = app.Browser();
            var signIn = await stranger.GetStringAsync("/Account/Login", Ct);
            await TimeAsync("failed sign-in", () => stranger.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "other@example.com",
                ["Input.Password"] = "not the password at all",
                ["__RequestVerificationToken"] = Html.FormToken(signIn),
            }), Ct));
        }

        var restored = await restore;
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Contains("30000 highlight(s) restored", Html.Parse(await restored.Content.ReadAsStringAsync(Ct)).QuerySelector(".restore-report")!.TextContent, StringComparison.Ordinal);
        Assert.True(timings.Count >= 8, $"only {timings.Count} requests ran during the restore");
        Assert.All(timings, t => Assert.True((int)t.Status < 500, $"{t.What} answered {t.Status}"));
        var slowest = timings.MaxBy(t => t.Took);
        Assert.True(slowest.Took < TimeSpan.FromSeconds(2), $"{slowest.What} took {slowest.Took.TotalMilliseconds:N0} ms during the restore");

#if !POSTGRES
        // The restore's write-ahead log is copied in and cut back when it ends, not left on disk.
        var wal = new FileInfo(app.DatabasePath + "-wal");
        Assert.True(!wal.Exists || wal.Length < 4 * 1024 * 1024, $"the WAL is {wal.Length:N0} bytes after the restore");
#endif
    }

    /// <summary>A file that breaks off after <paramref name="failAfter"/> bytes the second time it is read (the restore's writing pass).</summary>
    private sealed class BreaksOnSecondPass(byte[] bytes, int failAfter) : MemoryStream(bytes)
    {
        private int _passes;

        public override long Position
        {
            get => base.Position;
            set
            {
                if (value == 0)
                {
                    _passes++;
                }

                base.Position = value;
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_passes >= 1 && base.Position >= failAfter)
            {
                throw new IOException("the connection broke");
            }

            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);
        }
    }

    [Fact]
    public async Task An_interrupted_restore_keeps_what_it_wrote_and_running_it_again_completes_it_without_duplicates()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        await app.RegisterAsync("again@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "again@example.com").Select(u => u.Id).SingleAsync(Ct));
        var bytes = Encoding.UTF8.GetBytes(await AnnotationFiles.ManyHighlightsAsync(app, slug, 1_200));

        await Assert.ThrowsAsync<IOException>(() => app.WithScopeAsync(services =>
            services.GetRequiredService<AnnotationRestore>().RestoreAsync(userId, new BreaksOnSecondPass(bytes, bytes.Length / 2), Ct)));
        var kept = await app.WithDbAsync(db => db.Highlights.CountAsync(h => h.UserId == userId, Ct));
        Assert.InRange(kept, AnnotationRestore.BatchSize, 1_200 - 1);

        var report = await app.WithScopeAsync(services =>
            services.GetRequiredService<AnnotationRestore>().RestoreAsync(userId, new MemoryStream(bytes), Ct));
        Assert.Equal((1_200 - kept, kept), (report.Restored, report.AlreadyPresent));
        Assert.Equal(1_200, await app.WithDbAsync(db => db.Highlights.CountAsync(h => h.UserId == userId, Ct)));
    }

    /// <summary>The app with the next insert of highlights refused once, as when another restore of the same file took an id first.</summary>
    private sealed class RacedApp : TestApp
    {
        public TakenOnce Race { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureAppDb(o => o.AddInterceptors(Race)));
        }
    }

    private sealed class TakenOnce : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public bool Armed { get; set; }

        private void Check(System.Data.Common.DbCommand command)
        {
            if (Armed && command.CommandText.Contains("INSERT INTO \"Highlights\"", StringComparison.Ordinal))
            {
                Armed = false;
#if POSTGRES
                throw new Npgsql.PostgresException("duplicate key value violates unique constraint \"PK_Highlights\"", "ERROR", "ERROR", Npgsql.PostgresErrorCodes.UniqueViolation);
#else
                throw new Microsoft.Data.Sqlite.SqliteException("UNIQUE constraint failed: Highlights.Id", 19);
#endif
            }
        }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task A_batch_written_again_after_an_id_was_taken_counts_each_annotation_once()
    {
        using var app = new RacedApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        await app.RegisterAsync("raced@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "raced@example.com").Select(u => u.Id).SingleAsync(Ct));
        static string OnMissing(int n) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = $"urn:uuid:{AnnotationFiles.IdFor("gone", n)}",
            ["type"] = "Annotation",
            ["target"] = new Dictionary<string, object>
            {
                ["source"] = "http://localhost/articles/an-article-never-imported",
                ["selector"] = new Dictionary<string, object> { ["type"] = "TextQuoteSelector", ["exact"] = "lost words" },
            },
        });

        // A first batch all on an article that is not here; then one more on it, the same one
        // twice, and a highlight that is written (and whose first insert is refused).
        var present = await AnnotationFiles.ManyHighlightsAsync(app, slug, 1);
        var items = Enumerable.Range(0, AnnotationRestore.BatchSize + 1).Select(OnMissing)
            .Append(OnMissing(AnnotationRestore.BatchSize))
            .Append(present[(present.IndexOf("\"items\":[", StringComparison.Ordinal) + 9)..^3]);
        var json = """{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{"type":"AnnotationPage","items":["""
            + string.Join(",", items) + "]}}";

        app.Race.Armed = true;
        var report = await app.WithScopeAsync(services =>
            services.GetRequiredService<AnnotationRestore>().RestoreAsync(userId, new MemoryStream(Encoding.UTF8.GetBytes(json)), Ct));

        Assert.False(app.Race.Armed, "the first insert was not refused: the retry was not exercised");
        Assert.Empty(report.Errors);
        Assert.Equal((1, 1), (report.Restored, report.AlreadyPresent));
        var missing = Assert.Single(report.MissingArticles);
        Assert.Equal(AnnotationRestore.BatchSize + 1, missing.Annotations);
    }

    [Fact]
    public async Task The_upload_limit_is_a_setting_and_a_larger_file_is_413()
    {
        using var app = new TestApp();
        app.Settings["NewsReader:Restore:MaxUploadBytes"] = "20000";
        app.UseKestrel(0);
        app.StartServer();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        using var reader = await RealServer.RegisterAsync(app, "limit@example.com");

        var page = await reader.GetStringAsync("/import/annotations", Ct);
        Assert.Contains("Up to 0 MB", page, StringComparison.Ordinal);
        var small = await UploadAsync(reader, await AnnotationFiles.ManyHighlightsAsync(app, slug, 10));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);

        var large = await UploadAsync(reader, await AnnotationFiles.ManyHighlightsAsync(app, slug, 200));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("Too large", await large.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_reader_restores_one_file_at_a_time_and_the_server_a_bounded_number()
    {
        var slots = new RestoreSlots(Options.Create(new NewsReaderOptions { Restore = { MaxConcurrent = 2 } }));
        Assert.Equal(RestoreSlots.Refusal.None, slots.TryEnter("a", out var a));
        Assert.Equal(RestoreSlots.Refusal.ReaderBusy, slots.TryEnter("a", out _));
        Assert.Equal(RestoreSlots.Refusal.None, slots.TryEnter("b", out var b));
        Assert.Equal(RestoreSlots.Refusal.ServerBusy, slots.TryEnter("c", out _));
        a.Dispose();
        Assert.Equal(RestoreSlots.Refusal.None, slots.TryEnter("c", out var c));
        Assert.Equal(RestoreSlots.Refusal.ServerBusy, slots.TryEnter("a", out _));
        b.Dispose();
        c.Dispose();
    }
}
