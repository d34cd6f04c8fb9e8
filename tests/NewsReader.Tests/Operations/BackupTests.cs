using Microsoft.Data.Sqlite;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Operations;

/// <summary>A backup taken while the server writes is whole and consistent; restored, it is the library it was.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("newsreader-backup-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static long Count(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_backup_taken_while_readers_write_is_consistent_and_restores_into_a_working_library()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("backed-up@example.com");

        // Readers keep writing while the backup runs.
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await reader.HighlightAsync(app, slug, "dry winter", note: $"note {n++}");
            }

            return n;
        }, Ct);
        await Task.Delay(500, Ct);

        var backup = Path.Combine(_folder, "nightly", "newsreader-backup.db");
        var run = await AppProcess.RunAsync(app.DatabasePath, "backup", "--to", backup);
        await stop.CancelAsync();
        var written = await writes;

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("backed up to", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 article(s)", run.Output, StringComparison.Ordinal);
        var copied = Count(backup, "Highlights");
        Assert.InRange(copied, 1, written);
        using (var check = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False"))
        {
            check.Open();
            using var integrity = check.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", integrity.ExecuteScalar());
        }

        // Never over an existing file.
        var again = await AppProcess.RunAsync(app.DatabasePath, "backup", "--to", backup);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("never overwrites", again.Errors, StringComparison.Ordinal);

        // Restored into a fresh installation: the same library and notes.
        var restoredDb = Path.Combine(_folder, "restored.db");
        var restore = await AppProcess.RunAsync(restoredDb, "restore-backup", "--from", backup);
        Assert.True(restore.ExitCode == 0, restore.Errors);
        Assert.Equal(copied, Count(restoredDb, "Highlights"));
        Assert.Equal(1, Count(restoredDb, "Articles"));
    }

    [Fact]
    public async Task Restoring_something_that_is_not_a_backup_changes_nothing()
    {
        var database = Path.Combine(_folder, "live.db");
        Assert.Equal(0, (await AppProcess.RunAsync(database, "import", Paths.Fixture("wire-basic.txt"))).ExitCode);
        var junk = Path.Combine(_folder, "junk.db");
        await File.WriteAllTextAsync(junk, "not a database", Ct);

        var run = await AppProcess.RunAsync(database, "restore-backup", "--from", junk);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Nothing was changed", run.Errors, StringComparison.Ordinal);
        Assert.Equal(1, Count(database, "Articles"));
        Assert.Equal(2, (await AppProcess.RunAsync(database, "restore-backup")).ExitCode);
    }
}
