using Microsoft.Data.Sqlite;
using NewsReader.Cli;

namespace NewsReader.Operations;

/// <summary>
/// <c>backup --to FILE</c>: a consistent copy of the whole database while the server runs and
/// writes (SQLite's <c>VACUUM INTO</c>: one read transaction, so the copy is the database as of
/// one moment, compacted). <c>restore-backup --from FILE</c>: checks a backup and copies it over
/// the configured database with SQLite's backup API (stop the server first; see the README).
/// </summary>
public static class BackupCommand
{
    public static IEnumerable<AppCommandLine.Verb> Verbs(AppCommandLine cli) =>
    [
        new(VerbInput.Define(cli, "backup", "Write a consistent copy of the database, while the server runs.", null,
            [VerbInput.String("to", "the new file to write (never overwritten)", "FILE")], (input, services, _) => BackupAsync(input, services))),
        new(VerbInput.Define(cli, "restore-backup", "Check a backup and copy it over the database (stop the server first).", null,
            [VerbInput.String("from", "the backup to restore", "FILE")], (input, services, _) => RestoreAsync(input, services))),
    ];

    public static Task<int> BackupAsync(VerbInput command, IServiceProvider services)
    {
        if (NotSqlite(services) is { } postgres)
        {
            return postgres;
        }

        var target = command.Option("to") ?? throw new CommandException("backup needs --to FILE: where to write the copy");
        target = Path.GetFullPath(target);
        if (File.Exists(target))
        {
            Console.Error.WriteLine($"error: {target} exists; a backup never overwrites a file. Choose a new name.");
            return Task.FromResult(1);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using (var connection = services.GetRequiredService<PlainConnections>().OpenSqlite())
        {
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $target";
            vacuum.Parameters.AddWithValue("$target", target);
            vacuum.ExecuteNonQuery();
        }

        if (Check(target) is { } problem)
        {
            Console.Error.WriteLine($"error: the copy in {target} does not check out: {problem}");
            return Task.FromResult(1);
        }

        Console.WriteLine($"backed up to {target} ({Size(target)}): {Summary(target)}");
        Console.WriteLine($"Sign-in keys are not in the database: copy {Path.Combine(Database.DataFolder(services), "keys")} too, or readers sign in again after a restore.");
        return Task.FromResult(0);
    }

    public static Task<int> RestoreAsync(VerbInput command, IServiceProvider services)
    {
        if (NotSqlite(services) is { } postgres)
        {
            return postgres;
        }

        var source = command.Option("from") ?? throw new CommandException("restore-backup needs --from FILE: the backup to restore");
        source = Path.GetFullPath(source);
        if (!File.Exists(source))
        {
            throw new CommandException($"no backup at {source}");
        }

        if (Check(source) is { } problem)
        {
            Console.Error.WriteLine($"error: {source} is not a NewsReader backup that can be restored: {problem}. Nothing was changed.");
            return Task.FromResult(1);
        }

        using (var from = Open(source, SqliteOpenMode.ReadOnly))
        using (var to = services.GetRequiredService<PlainConnections>().OpenSqlite())
        {
            // Page by page under SQLite's locks: whatever else has the database open sees the old or the new one, never a mix.
            from.BackupDatabase(to);
        }

        Console.WriteLine($"restored {source} into the database: {Summary(source)}");
        return Task.FromResult(0);
    }

    /// <summary>Null when the file is an intact SQLite database with NewsReader's tables.</summary>
    private static string? Check(string path)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            var integrity = command.ExecuteScalar() as string;
            if (integrity != "ok")
            {
                return $"SQLite's integrity check says: {integrity}";
            }

            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Articles', 'Highlights', 'AspNetUsers')";
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 4 ? null : "it has no NewsReader tables";
        }
        catch (SqliteException e)
        {
            return e.Message;
        }
    }

    private static string Summary(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM Articles), (SELECT count(*) FROM Highlights), (SELECT count(*) FROM AspNetUsers)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(0)} article(s), {reader.GetInt64(1)} highlight(s), {reader.GetInt64(2)} account(s)");
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static string Size(string path) =>
        (new FileInfo(path).Length / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>These copy a SQLite file; PostgreSQL has its own tools, which also copy a live server safely.</summary>
    private static Task<int>? NotSqlite(IServiceProvider services)
    {
        if (!Database.IsPostgres(services))
        {
            return null;
        }

        Console.Error.WriteLine("error: backup and restore-backup copy the SQLite file; this installation is on PostgreSQL: use pg_dump and pg_restore (README, Backups).");
        return Task.FromResult(1);
    }
}
