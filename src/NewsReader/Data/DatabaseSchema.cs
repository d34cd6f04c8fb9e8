using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace NewsReader.Data;

/// <summary>
/// Brings a database to the checked-in migrations, on a plain SQLite connection where it can.
/// A database without any migration applied is created from <c>Schema.sql</c>: the SQL
/// <c>dotnet ef migrations script</c> writes for all of them, checked in (a test compares it
/// with the migrations; Data/README.md), run in one transaction. A database that has every
/// migration is left as it is. Only one that lacks some (an older NewsReader's) is
/// <see cref="SchemaState.Behind"/> and goes through EF Core's migrator, which builds every
/// migration's model first: the slow path, taken once per upgrade rather than on every start.
/// </summary>
public static partial class DatabaseSchema
{
    private const string ResourceName = "NewsReader.Data.Schema.sql";

    private static readonly Lazy<(string Sql, string[] Migrations)> Script = new(Load);

    /// <summary>The migrations Schema.sql creates, oldest first.</summary>
    public static IReadOnlyList<string> Migrations => Script.Value.Migrations;

    /// <summary>
    /// Sets WAL (the CLI can import while the web app serves the file) and creates the schema
    /// when there is none, then runs <paramref name="seed"/> on it (the sample article). The
    /// check, the creation and the seed share one write transaction, so two processes starting
    /// on the same new file create it once: the second waits, then finds it. A script or seed
    /// that fails (a file that is some other database) rolls back whole.
    /// </summary>
    public static SchemaState Prepare(SqliteConnection connection, Action<SqliteConnection, SqliteTransaction>? seed = null)
    {
        Execute(connection, "PRAGMA journal_mode=WAL;");

        using var transaction = connection.BeginTransaction(deferred: false);
        var applied = AppliedMigrations(connection);
        SchemaState state;
        if (applied.Count == 0)
        {
            Execute(connection, Script.Value.Sql);
            seed?.Invoke(connection, transaction);
            state = SchemaState.Created;
        }
        else
        {
            state = Migrations.All(applied.Contains) ? SchemaState.Current : SchemaState.Behind;
        }

        transaction.Commit();
        return state;
    }

    private static HashSet<string> AppliedMigrations(SqliteConnection connection)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return [];
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
        using var rows = read.ExecuteReader();
        var applied = new HashSet<string>(StringComparer.OrdinalIgnoreCase);   // as EF Core compares them
        while (rows.Read())
        {
            applied.Add(rows.GetString(0));
        }

        return applied;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The script with its per-migration BEGIN/COMMIT taken out (<see cref="Prepare"/> runs it in one transaction).</summary>
    private static (string Sql, string[] Migrations) Load()
    {
        var sql = Text();
        var statements = sql.Split('\n').Where(line => line.Trim() is not ("BEGIN TRANSACTION;" or "COMMIT;"));
        var migrations = MigrationId().Matches(sql).Select(m => m.Groups[1].Value).ToArray();
        return (string.Join('\n', statements), migrations);
    }

    /// <summary>Schema.sql as checked in.</summary>
    public static string Text()
    {
        using var stream = typeof(DatabaseSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("Schema.sql is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex("""INSERT INTO "__EFMigrationsHistory" \("MigrationId", "ProductVersion"\)\s*VALUES \('([^']+)'""")]
    private static partial Regex MigrationId();
}

public enum SchemaState
{
    /// <summary>Had no migration applied; created from Schema.sql just now.</summary>
    Created,

    /// <summary>Has every checked-in migration.</summary>
    Current,

    /// <summary>Lacks some checked-in migrations: EF Core's migrator applies them.</summary>
    Behind,
}
