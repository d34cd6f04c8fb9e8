using NewsReader.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using NewsReader.Operations;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Operations;

/// <summary>When the server hands memory back: only once quiet, never mid-request, once per quiet spell.</summary>
public sealed class IdleTrimTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Now { get; private set; } = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now;

        public void Advance(TimeSpan by) => Now += by.Ticks;
    }

    private readonly ManualClock _clock = new();

    private readonly string _database = Path.Combine(Directory.CreateTempSubdirectory("newsreader-trim-").FullName, "trim.db");

    private PlainConnections Connections()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:NewsReader"] = $"Data Source={_database}" }).Build());
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        return new PlainConnections(services.BuildServiceProvider());
    }

    private IdleTrim NewTrim() => new(_clock, NullLogger<IdleTrim>.Instance, Connections());

    [Fact]
    public async Task A_quiet_spell_cuts_the_write_ahead_log_back_to_nothing()
    {
        // Held open for the whole test, like the server's connections: the last one to close would checkpoint by itself.
        using var connection = Connections().Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE t(x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 20000) INSERT INTO t SELECT randomblob(200) FROM n;";
            command.ExecuteNonQuery();
        }

        Assert.True(new FileInfo(_database + "-wal").Length > 1_000_000, "the test wrote a large WAL");
        var trim = NewTrim();
        await RequestAsync(trim);
        _clock.Advance(IdleTrim.IdleAfter + TimeSpan.FromSeconds(1));
        Assert.True(trim.TrimIfIdle());
        Assert.Equal(0, new FileInfo(_database + "-wal").Length);
    }

    private static Task RequestAsync(IdleTrim trim, Func<Task>? during = null) =>
        trim.TrackAsync(new DefaultHttpContext(), _ => during?.Invoke() ?? Task.CompletedTask);

    [Fact]
    public async Task Trims_once_after_a_quiet_spell_and_again_only_after_new_requests()
    {
        var trim = NewTrim();
        await RequestAsync(trim);

        _clock.Advance(IdleTrim.IdleAfter - TimeSpan.FromSeconds(1));
        Assert.False(trim.TrimIfIdle());                               // not quiet long enough

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(trim.TrimIfIdle());
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(trim.TrimIfIdle());                               // once per quiet spell

        await RequestAsync(trim);
        Assert.False(trim.TrimIfIdle());
        _clock.Advance(IdleTrim.IdleAfter);
        Assert.True(trim.TrimIfIdle());
    }

    [Fact]
    public async Task Never_trims_while_a_request_is_running_however_long_it_takes()
    {
        var trim = NewTrim();
        var release = new TaskCompletionSource();
        var running = RequestAsync(trim, () => release.Task);         // a long export, say

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(trim.TrimIfIdle());

        release.SetResult();
        await running;
        Assert.False(trim.TrimIfIdle());                               // the quiet spell starts when it ends
        _clock.Advance(IdleTrim.IdleAfter);
        Assert.True(trim.TrimIfIdle());
    }

    [Fact]
    public async Task The_app_counts_every_request_so_it_is_never_trimmed_while_busy()
    {
        // The logic above only holds if the app's pipeline reports its requests (UseIdleTrim).
        using var app = new TestApp();
        var client = app.CreateClient();
        var trim = app.Services.GetRequiredService<IdleTrim>();
        var before = trim.LastActivity;
        await Task.Delay(20, TestContext.Current.CancellationToken);

        var response = await client.GetAsync("/css/site.css", TestContext.Current.CancellationToken);   // even a static file

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(trim.LastActivity > before, "a request the app served must count as activity");
    }
}
