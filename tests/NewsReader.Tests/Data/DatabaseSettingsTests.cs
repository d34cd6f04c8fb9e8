using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Data;

/// <summary>The SQLite settings the README documents, as the app's own connections have them.</summary>
public sealed class DatabaseSettingsTests(DatabaseSettingsTests.App app) : IClassFixture<DatabaseSettingsTests.App>
{
    public sealed class App : TestApp;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_connection_runs_in_wal_with_normal_sync_a_busy_timeout_and_a_small_page_cache()
    {
        // Several rounds: pooled connections are handed back and reused, and must keep their settings.
        for (var round = 0; round < 3; round++)
        {
            var settings = await app.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync(Ct);
                async Task<string> PragmaAsync(string name)
                {
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.CommandText = "PRAGMA " + name;
                    return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
                }

                var values =  (Journal: await PragmaAsync("journal_mode"), Sync: await PragmaAsync("synchronous"),
                    Busy: await PragmaAsync("busy_timeout"), Cache: await PragmaAsync("cache_size"));
                await db.Database.CloseConnectionAsync();
                return values;
            });

            Assert.Equal("wal", settings.Journal);
            Assert.Equal("1", settings.Sync);          // NORMAL
            Assert.Equal("2000", settings.Busy);       // SQLite waits 2 s per try, within the 5 s Default Timeout: then 503
            Assert.Equal("-1024", settings.Cache);      // 1 MiB
        }
    }
}
