using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NewsReader.Data;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Data;

/// <summary>
/// New databases are created from Schema.sql, not by EF Core's migrator (DatabaseSchema): the
/// script must be exactly what the migrations produce, give the same database, and leave
/// older databases to the migrator.
/// </summary>
public sealed class DatabaseSchemaTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("newsreader-schema-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string NewFile(string name) => $"Data Source={Path.Combine(_folder, name)};Pooling=False";

    /// <summary>As the app does it, on a connection of its own.</summary>
    private static SchemaState Prepare(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Database.ConfigureOnce(connection);
        return DatabaseSchema.Prepare(connection);
    }

    private static AppDb Context(string connectionString) =>
        new(new DbContextOptionsBuilder<AppDb>().UseSqlite(connectionString).Options);

    [Fact]
    public void Schema_sql_is_the_script_of_the_checked_in_migrations()
    {
        using var db = Context(NewFile("script.db"));
        var script = db.GetService<IMigrator>().GenerateScript().Replace("\r\n", "\n", StringComparison.Ordinal);

        // Regenerate with: dotnet ef migrations script --project src/NewsReader -o src/NewsReader/Data/Schema.sql
        Assert.Equal(script.Trim(), DatabaseSchema.Text().Trim().TrimStart('\uFEFF'));
        Assert.Equal(db.Database.GetMigrations(), DatabaseSchema.Migrations);
    }

    [Fact]
    public async Task A_new_database_from_the_script_is_the_one_the_migrator_makes()
    {
        var fromScript = NewFile("from-script.db");
        var fromMigrator = NewFile("from-migrator.db");

        Assert.Equal(SchemaState.Created, Prepare(fromScript));
        await using (var db = Context(fromMigrator))
        {
            await db.Database.MigrateAsync(Ct);
        }

        // The migrator's lock table (EF Core 9+, created and emptied by every Migrate()) is the
        // one difference: it has nothing to lock when no migrator runs.
        Assert.Equal(Describe(fromMigrator).Where(row => !row.Contains("__EFMigrationsLock", StringComparison.Ordinal)), Describe(fromScript));
        Assert.Empty(Rows(fromMigrator, "SELECT * FROM __EFMigrationsLock"));
        Assert.Equal(Rows(fromMigrator, "SELECT MigrationId, ProductVersion FROM __EFMigrationsHistory ORDER BY 1"),
            Rows(fromScript, "SELECT MigrationId, ProductVersion FROM __EFMigrationsHistory ORDER BY 1"));
        Assert.Equal(["wal"], Rows(fromScript, "PRAGMA journal_mode"));
    }

    [Fact]
    public void A_database_with_every_migration_is_left_as_it_is()
    {
        var file = NewFile("current.db");
        Prepare(file);
        var before = Describe(file);

        Assert.Equal(SchemaState.Current, Prepare(file));
        Assert.Equal(before, Describe(file));
    }

    [Fact]
    public async Task Two_processes_starting_on_one_new_file_create_it_once()
    {
        var file = NewFile("race.db");

        var states = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Prepare(file), Ct)));

        Assert.Single(states, SchemaState.Created);
        Assert.All(states.Where(s => s != SchemaState.Created), s => Assert.Equal(SchemaState.Current, s));
    }

    [Fact]
    public void Another_database_in_the_file_is_refused_with_sqlites_error_and_left_untouched()
    {
        var file = NewFile("someone-elses.db");
        using (var connection = new SqliteConnection(file))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE \"Articles\" (\"Id\" INTEGER PRIMARY KEY, \"Name\" TEXT); INSERT INTO \"Articles\" VALUES (1, 'kept');";
            create.ExecuteNonQuery();
        }

        var error = Assert.Throws<SqliteException>(() => Prepare(file));

        Assert.Contains("Articles", error.Message, StringComparison.Ordinal);                 // "table "Articles" already exists"
        Assert.Equal(["Articles"], Rows(file, "SELECT name FROM sqlite_master WHERE type = 'table'"));   // the script rolled back whole
        Assert.Equal(["kept"], Rows(file, "SELECT Name FROM Articles"));
    }

    [Fact]
    public async Task A_database_a_migration_behind_is_brought_up_to_date_by_the_app_and_keeps_its_articles()
    {
        using var app = new TestApp();
        app.Settings["NewsReader:SeedSampleArticle"] = "true";
        var older = DatabaseSchema.Migrations[^2];
        Directory.CreateDirectory(Path.GetDirectoryName(app.DatabasePath)!);
        var file = $"Data Source={app.DatabasePath}";
        await using (var db = Context(file))
        {
            await db.GetService<IMigrator>().MigrateAsync(older, cancellationToken: Ct);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Articles" ("Slug", "SourceName", "Title", "Authors", "SortDate", "Format", "WordCount", "CurrentRevisionId", "RevisionNumber", "ContentHash", "ImportedAt", "UpdatedAt")
                VALUES ('older', 'older.txt', 'An older article', '[]', '2024-01-02', 'WireText', 3, 0, 1, 'hash', '2024-01-02 00:00:00', '2024-01-02 00:00:00')
                """, Ct);
        }

        Assert.Equal(SchemaState.Behind, Prepare(file));

        var (slugs, pending) = await app.WithDbAsync(async db =>
            (await db.Articles.Select(a => a.Slug).ToListAsync(Ct), (await db.Database.GetPendingMigrationsAsync(Ct)).Count()));
        Assert.Equal(0, pending);
        Assert.Equal(["older"], slugs);                                    // not a new database: no sample article
    }

    /// <summary>Every table, index and trigger as SQLite stores its definition.</summary>
    private static List<string> Describe(string connectionString) =>
        Rows(connectionString, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name");

    private static List<string> Rows(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
