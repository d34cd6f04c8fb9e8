using System.Net;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests;

/// <summary>What only PostgreSQL does: text it cannot hold, settings that name it wrongly, a server that does not answer.</summary>
public sealed class PostgresOnlyTests
{
    [Fact]
    public async Task Text_postgres_cannot_store_is_a_400_that_says_so_not_a_500()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("nul@example.com");
        var page = new ArticlePage(await reader.GetDocumentAsync($"/articles/{slug}"));

        var response = await reader.PostJsonAsync($"/api/articles/{slug}/highlights", page.Phrase("a dry winter", "green", "before\u0000after"));

        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("U+0000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Highlights.Count())));
    }

    [Fact]
    public async Task Requests_counted_together_are_let_through_only_up_to_the_shared_limit()
    {
        using var app = new TestApp();
        var source = app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        // Two instances' limiters for one key, each asked by many requests at once.
        using var a = new NewsReader.Web.SharedWindowLimiter(source, "test:burst", 7);
        using var b = new NewsReader.Web.SharedWindowLimiter(source, "test:burst", 7);

        var leases = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).AcquireAsync(1, TestContext.Current.CancellationToken).AsTask()));

        Assert.Equal(7, leases.Count(l => l.IsAcquired));
        Assert.All(leases.Where(l => !l.IsAcquired), l => Assert.True(
            l.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_new_database_is_made_without_an_error_in_the_log()
    {
        // EF Core reads the migration history before it creates the table and used to log that
        // expected failure as an error: a new installation's first start looked broken.
        using var app = new LoggedApp();
        await app.ImportFixtureAsync("wire-basic.txt");

        Assert.Empty(app.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Error).Select(e => e.RenderMessage()));
        Assert.Contains(app.Events, e => e.RenderMessage().Contains("Application started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_server_stops_the_start_with_one_line()
    {
        var run = await AppProcess.RunAsync(Path.Combine(Path.GetTempPath(), "newsreader-tests", "unused.db"), "users", "list",
            "--NewsReader:Database:Provider=Postgres", "--ConnectionStrings:NewsReader=Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Timeout=2");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot reach the PostgreSQL server at 127.0.0.1:1, database \"nowhere\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_and_restore_backup_say_to_use_postgres_own_tools()
    {
        using var app = new TestApp();
        await app.ImportFixtureAsync("wire-basic.txt");
        var target = Path.Combine(Path.GetTempPath(), "newsreader-tests", $"backup-{Guid.NewGuid():N}.db");

        var backup = await AppProcess.RunAsync(app, "backup", "--to", target);
        var restore = await AppProcess.RunAsync(app, "restore-backup", "--from", target);

        Assert.Equal((1, 1), (backup.ExitCode, restore.ExitCode));
        Assert.Contains("use pg_dump and pg_restore", backup.Errors, StringComparison.Ordinal);
        Assert.Contains("use pg_dump and pg_restore", restore.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Every_text_column_sorts_by_code_point_whatever_the_server_locale()
    {
        using var app = new TestApp();
        await app.ImportFixtureAsync("wire-basic.txt");
        await using var outside = await OutsideConnection.OpenAsync(app);

        // The test cluster's own locale sorts by code point too: what is checked is that the schema says so.
        var text = await outside.ScalarAsync(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying') AND table_name IN ('Articles', 'HighlightTags', 'ArticleTags', 'AspNetUsers')");
        var notC = await outside.ScalarAsync(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying') AND table_name IN ('Articles', 'HighlightTags', 'ArticleTags', 'AspNetUsers') AND collation_name IS DISTINCT FROM 'C'");

        Assert.True((long)text! > 10, $"only {text} text columns found");
        Assert.Equal(0L, notC);
    }

    [Fact]
    public async Task The_write_triggers_plan_each_call_with_the_batch_in_hand()
    {
        using var app = new TestApp();
        await app.ImportFixtureAsync("wire-basic.txt");
        await using var outside = await OutsideConnection.OpenAsync(app);

        // A generic plan kept from a connection's early calls scanned whole tables once they grew (bench/README.md).
        var planned = await outside.ScalarAsync(
            "SELECT count(*) FROM pg_proc WHERE proname IN ('HighlightSearch_Refresh', 'HighlightSearch_OnTags', 'reader_tags_count') "
            + "AND 'plan_cache_mode=force_custom_plan' = ANY (proconfig)");
        Assert.Equal(3L, planned);
    }

    [Fact]
    public async Task The_postgres_migrations_match_the_model()
    {
        using var app = new TestApp();
        Assert.False(await app.WithDbAsync(db => Task.FromResult(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.HasPendingModelChanges(db.Database))),
            "the model changed without a PostgreSQL migration: dotnet ef migrations add NAME --context PostgresAppDb (Data/README.md)");
    }
}
