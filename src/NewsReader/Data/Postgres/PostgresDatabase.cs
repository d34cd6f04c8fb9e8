using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace NewsReader.Data;

/// <summary>
/// PostgreSQL's side of <see cref="Database"/>: the shared data source, and how a database is
/// made ready. There is no schema script or compiled model here: EF Core's migrator and model
/// building (README.md: what that costs at start-up).
/// </summary>
public static class PostgresDatabase
{
    /// <summary>Session-level advisory lock held while one instance migrates and seeds (any number may start at once).</summary>
    private const long StartLock = 0x4E_65_77_73_52_64;     // "NewsRd"

    /// <summary>How many statements each connection keeps prepared (Npgsql's <c>Max Auto Prepare</c>), unless the connection string says.</summary>
    public const int AutoPrepared = 64;

    public static NpgsqlDataSource DataSource(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new DatabaseSetupException($"ConnectionStrings:{Database.ConnectionStringName} is not a PostgreSQL connection string: {e.Message}", e);
        }

        builder.ApplicationName ??= "NewsReader";
        if (builder.Options?.Contains("lock_timeout", StringComparison.Ordinal) != true)
        {
            // A write waits this long for another transaction's lock, then fails (answered 503,
            // never 500: ErrorResponses), as SQLite's busy timeout does; PostgreSQL would wait forever.
            builder.Options = $"{builder.Options} -c lock_timeout={Database.DefaultBusySeconds * 1000}".Trim();
        }

        // The app leaves no session state behind on a pooled connection (a transaction's snapshot
        // ends with it; the start-up advisory lock is released in a finally), so a connection
        // taken from the pool skips DISCARD ALL, which would also throw away every plan the
        // server cached for it: the search-index triggers' statements would be planned again by
        // each transaction that fires them.
        builder.NoResetOnClose = true;

        // Statements the app sends again and again (a session's lookup, the rate limit's count, an
        // article's header) are prepared on each pooled connection after a few uses, so the
        // server stops parsing and planning them for every request: that was a sixth of its time
        // under the bench's writes (bench/README.md). A connection string that names the setting wins.
        if (!Regex.IsMatch(connectionString, @"max\s*auto\s*prepare", RegexOptions.IgnoreCase))
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }

        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>
    /// Creates the database if the server lacks it, applies the migrations, and writes the
    /// <see cref="DatabaseSeed"/>s into a database created just now, under an advisory lock so
    /// that two instances starting together do it once. A server that cannot be reached is a
    /// <see cref="DatabaseSetupException"/> naming it.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var source = services.GetRequiredService<NpgsqlDataSource>();
        // EF Core reads the migration history before it creates the table on a new database and
        // logs that expected failure as an error (npgsql/efcore.pg#3407): a first start looked
        // broken. The context that migrates logs failed commands at Debug; a real failure still
        // throws and stops start-up with its message.
        await using var db = new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>()
            .UseNpgsql(source)
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .ConfigureWarnings(w => w
                .Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)
                .Log((Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Debug)))
            .Options);
        try
        {
            await CreateIfMissingAsync(db, ct);
            await using var connection = await source.OpenConnectionAsync(ct);
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({StartLock})", ct);
            try
            {
                // Asked of the history table only once it exists: reading a missing one logs an error.
                var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
                var created = !await history.ExistsAsync(ct) || !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
                await db.Database.MigrateAsync(ct);
                if (created && services.GetRequiredService<IOptions<NewsReaderOptions>>().Value.SeedSampleArticle
                    && services.GetService<DatabaseSeed>() is { } seed)
                {
                    await seed.WriteAsync(services, ct);
                }
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({StartLock})", CancellationToken.None);
            }
        }
        catch (Exception e) when (Unreachable(e) is { } cause)
        {
            throw new DatabaseSetupException($"cannot reach the PostgreSQL server at {Describe(source.ConnectionString)}: {cause.Message}", e, exitCode: 1);
        }
    }

    /// <summary>
    /// The server could not be reached or refused the session (anywhere in the chain: EF Core
    /// wraps transient failures), as opposed to an error in what was asked of it; null otherwise.
    /// </summary>
    public static NpgsqlException? Unreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException npgsql)
            {
                return npgsql is not PostgresException postgres || postgres.IsTransient
                    || postgres.SqlState.StartsWith("28", StringComparison.Ordinal)      // authentication
                    || postgres.SqlState == PostgresErrorCodes.InvalidCatalogName
                    ? npgsql
                    : null;
            }
        }

        return null;
    }

    /// <summary>Host, port and database of a connection string, for messages (never the password).</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}, database \"{builder.Database}\"";
    }

    private static async Task CreateIfMissingAsync(AppDb db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it first.
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
