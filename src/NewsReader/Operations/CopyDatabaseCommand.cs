using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NewsReader.Cli;
using NewsReader.Data.Postgres;

namespace NewsReader.Operations;

/// <summary>
/// <c>copy-database --to-postgres "CONNECTION STRING"</c>, run with the app's SQLite
/// configuration: moves an embedded installation to PostgreSQL. In one transaction on the
/// target: the schema (the PostgreSQL migrations' script), every row of every table, table by
/// table with each table after those it refers to, the key ring from the <c>keys</c> folder (so
/// signed-in readers stay signed in), the identity counters moved past the copied ids, and a
/// row count per table compared with the source; then the commit. A target that holds any table
/// is refused and left untouched; a copy that fails or is interrupted leaves it empty. Tables
/// kept by triggers (the per-reader tag counts, the search index) are filled by the target's
/// own triggers as the rows arrive, not copied.
/// </summary>
public static class CopyDatabaseCommand
{
    private const int BatchSize = 1000;

    /// <summary>Tables the target's triggers fill as the rows they count arrive (Annotations' <c>ReaderTagCounts</c>).</summary>
    private static readonly string[] KeptByTriggers = ["ReaderTags"];

    private static readonly MethodInfo CopyRowsMethod =
        typeof(CopyDatabaseCommand).GetMethod(nameof(CopyRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo CountRowsMethod =
        typeof(CopyDatabaseCommand).GetMethod(nameof(CountRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static AppCommandLine.Verb Verb(AppCommandLine cli) => new(VerbInput.Define(cli, "copy-database",
        "Copy this SQLite database, whole, into an empty PostgreSQL database (README: Moving to PostgreSQL).", null,
        [VerbInput.String("to-postgres", "the PostgreSQL database to fill (Npgsql: Host=…;Database=…;Username=…;Password=…)", "CONNECTION")],
        RunAsync));

    public static async Task<int> RunAsync(VerbInput input, IServiceProvider services, CancellationToken ct)
    {
        var target = input.Option("to-postgres")
            ?? throw new CommandException("copy-database needs --to-postgres \"CONNECTION STRING\": the empty PostgreSQL database to fill");
        if (NewsReader.Data.Database.IsPostgres(services))
        {
            throw new CommandException("copy-database copies a SQLite database: run it with the app's SQLite settings, not NewsReader:Database:Provider=Postgres");
        }

        NpgsqlDataSource dataSource;
        try
        {
            dataSource = PostgresDatabase.DataSource(target);
        }
        catch (DatabaseSetupException e)
        {
            throw new CommandException(e.Message.Replace($"ConnectionStrings:{NewsReader.Data.Database.ConnectionStringName}", "--to-postgres", StringComparison.Ordinal));
        }

        await using (dataSource)
        {
            await using var to = new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(dataSource).Options);
            var where = PostgresDatabase.Describe(dataSource.ConnectionString);
            try
            {
                var creator = to.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
                if (!await creator.ExistsAsync(ct))
                {
                    await creator.CreateAsync(ct);
                }

                var tables = await to.Database.SqlQueryRaw<int>(
                    "SELECT CAST(count(*) AS integer) AS \"Value\" FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
                    .SingleAsync(ct);
                if (tables > 0)
                {
                    Console.Error.WriteLine($"error: the PostgreSQL database at {where} is not empty ({tables} tables): copy-database fills only an empty database. Nothing was changed.");
                    return 1;
                }

                await using var scope = services.CreateAsyncScope();
                var from = scope.ServiceProvider.GetRequiredService<AppDb>();
                var copied = await CopyAsync(from, to, Path.Combine(NewsReader.Data.Database.DataFolder(services), "keys"), ct);

                Console.WriteLine($"copied to {where}:");
                foreach (var (table, rows) in copied)
                {
                    Console.WriteLine($"  {table,-24} {rows,10:N0}");
                }

                Console.WriteLine("Row counts checked. Start the app with NewsReader:Database:Provider=Postgres and this connection string.");
                return 0;
            }
            catch (Exception e) when (PostgresDatabase.Unreachable(e) is { } cause)
            {
                Console.Error.WriteLine($"error: cannot reach the PostgreSQL server at {where}: {cause.Message}. Nothing was changed.");
                return 1;
            }
            catch (Exception e) when (e is DbUpdateException or PostgresException or InvalidOperationException)
            {
                // One transaction: the schema and every row went back with it.
                var cause = e.InnerException ?? e;
                Console.Error.WriteLine($"error: the copy failed and was rolled back; the database at {where} is as empty as before: {cause.Message.ReplaceLineEndings(" ")}");
                return 1;
            }
        }
    }

    /// <summary>The schema and every row, in one transaction on <paramref name="to"/>; each table's name and row count.</summary>
    private static async Task<List<(string Table, int Rows)>> CopyAsync(AppDb from, PostgresAppDb to, string keysFolder, CancellationToken ct)
    {
        to.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await to.Database.BeginTransactionAsync(ct);
        // As one command on the transaction's connection: the script is SQL, not a format string (EF Core's raw SQL reads braces).
        await using (var schema = to.Database.GetDbConnection().CreateCommand())
        {
            schema.Transaction = transaction.GetDbTransaction();
            schema.CommandText = to.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.NoTransactions);
            await schema.ExecuteNonQueryAsync(ct);
        }

        var copied = new List<(string, int)>();
        foreach (var entity in CopyOrder(to.Model))
        {
            var rows = await (Task<int>)CopyRowsMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [from, to, ct])!;
            var stored = await (Task<int>)CountRowsMethod.MakeGenericMethod(entity.ClrType).Invoke(null, [to, ct])!;
            if (stored != rows)
            {
                throw new InvalidOperationException($"{entity.GetTableName()}: {rows} rows read, {stored} stored");
            }

            copied.Add((entity.GetTableName()!, rows));
        }

        var keys = Directory.Exists(keysFolder) ? Directory.GetFiles(keysFolder, "*.xml") : [];
        foreach (var file in keys.Order(StringComparer.Ordinal))
        {
            to.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting),
            });
        }

        await to.SaveChangesAsync(ct);
        copied.Add(("DataProtectionKeys", keys.Length));

        // Ids were copied as they were: the next one made must come after them.
        await to.Database.ExecuteSqlRawAsync(
            """
            DO $$
            DECLARE c record;
            BEGIN
                FOR c IN SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES' LOOP
                    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) + 1, false) FROM %I',
                        format('%I', c.table_name), c.column_name, c.column_name, c.table_name);
                END LOOP;
            END $$;
            """, ct);

        await transaction.CommitAsync(ct);
        return copied;
    }

    /// <summary>
    /// The tables to copy, each after the tables it refers to: every entity of the model but the
    /// key ring (read from files) and what the target's triggers keep (read-only to EF Core).
    /// </summary>
    private static List<IEntityType> CopyOrder(IModel model)
    {
        var entities = model.GetEntityTypes()
            .Where(e => !e.IsOwned() && e.ClrType != typeof(DataProtectionKey) && !KeptByTriggers.Contains(e.GetTableName()))
            .ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        while (ordered.Count < entities.Count)
        {
            var next = entities.FirstOrDefault(e => !placed.Contains(e)
                && e.GetForeignKeys().All(fk => fk.PrincipalEntityType == e || placed.Contains(fk.PrincipalEntityType) || !entities.Contains(fk.PrincipalEntityType)))
                ?? throw new InvalidOperationException("The tables refer to each other in a circle: no order to copy them in.");
            ordered.Add(next);
            placed.Add(next);
        }

        return ordered;
    }

    /// <summary>
    /// A table's rows, read tracked (so a shadow property's value, such as an account's creation
    /// time, is read too) and written a batch at a time with one COPY each: the target's
    /// statement-level triggers (search index, tag counts) run once a batch.
    /// </summary>
    private static async Task<int> CopyRowsAsync<T>(AppDb from, PostgresAppDb to, CancellationToken ct)
        where T : class
    {
        var rows = 0;
        var batch = new List<T>(BatchSize);
        await foreach (var row in from.Set<T>().AsTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                rows += await SaveAsync(from, to, batch, ct);
            }
        }

        return rows + await SaveAsync(from, to, batch, ct);
    }

    private static async Task<int> SaveAsync<T>(AppDb from, PostgresAppDb to, List<T> batch, CancellationToken ct)
        where T : class
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await PostgresCopy.WriteAsync(to, batch, (row, property) => from.Entry(row).Property(property.Name).CurrentValue, ct);
        from.ChangeTracker.Clear();
        var saved = batch.Count;
        batch.Clear();
        return saved;
    }

    private static Task<int> CountRowsAsync<T>(PostgresAppDb to, CancellationToken ct)
        where T : class => to.Set<T>().CountAsync(ct);
}
