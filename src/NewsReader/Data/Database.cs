using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsReader.Data;

/// <summary>The database an installation runs on (<c>NewsReader:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several app instances on one database.</summary>
    Postgres,
}

/// <summary>The database cannot be used as configured (a wrong provider name, a server that does not answer): start-up stops with this one line.</summary>
/// <see cref="ExitCode"/>: 2 for a setting that is wrong (a usage error), 1 for a server that does not answer.
public sealed class DatabaseSetupException(string message, Exception? inner = null, int exitCode = 2) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

public static class Database
{
    public const string ConnectionStringName = "NewsReader";
    public const string DefaultConnectionString = "Data Source=data/newsreader.db";
    public const string ProviderSetting = "NewsReader:Database:Provider";

    /// <summary>The configured provider; a name that is neither is a <see cref="DatabaseSetupException"/> naming the setting.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration) => configuration[ProviderSetting] switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) && !int.TryParse(name, out _) => provider,
        var name => throw new DatabaseSetupException($"{ProviderSetting} is \"{name}\": choose Sqlite or Postgres."),
    };

    public static DatabaseProvider Provider(IServiceProvider services) => Provider(services.GetRequiredService<IConfiguration>());

    public static bool IsPostgres(IServiceProvider services) => Provider(services) == DatabaseProvider.Postgres;

    /// <summary>
    /// SQLite by default (<c>ConnectionStrings:NewsReader</c>); a relative data source is resolved
    /// against the content root and its folder created, so a fresh clone needs nothing installed.
    /// PostgreSQL when <c>NewsReader:Database:Provider</c> says so, on <see cref="PostgresAppDb"/>
    /// with the connection string in Npgsql's syntax.
    /// </summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        // Read when first needed, so configuration added by hosts and tests at Build() counts.
        services.AddHttpContextAccessor();                      // DataVersion: one read per page request
        services.AddSingleton<DataVersion>();
        services.AddSingleton<WritePriority>();
        services.AddSingleton<PlainConnections>();
        if (Provider(configuration) == DatabaseProvider.Postgres)
        {
            services.AddSingleton(provider => PostgresDatabase.DataSource(ConnectionString(provider)));
            services.AddSingleton<Postgres.SnapshotVersion>();
            services.AddDbContextPool<AppDb, PostgresAppDb>((provider, options) => options
                .UseNpgsql(provider.GetRequiredService<Npgsql.NpgsqlDataSource>())
                .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
            services.AddScoped(provider => (PostgresAppDb)provider.GetRequiredService<AppDb>());
            return services;
        }

        services.AddDbContextPool<AppDb>((provider, options) => options
            .UseSqlite(ConnectionString(provider))
            .AddInterceptors(new SqlitePragmas())
            // Migrate() would otherwise compare the model with the last migration's snapshot on
            // every start, building both models: that check is a test (DatabaseStartupTests).
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        return services;
    }

    public static string ConnectionString(IServiceProvider provider)
    {
        var configured = provider.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
        if (IsPostgres(provider))
        {
            return configured is { Length: > 0 }
                ? configured
                : throw new DatabaseSetupException($"{ProviderSetting} is Postgres: set ConnectionStrings:{ConnectionStringName} to the server (Host=…;Database=…;Username=…;Password=…).");
        }

        return ResolveConnectionString(configured ?? DefaultConnectionString, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
    }

    /// <summary>The folder the database file is in: data that belongs with it (keys) goes there too.</summary>
    public static string DataFolder(IServiceProvider provider)
    {
        var source = IsPostgres(provider) ? "" : new SqliteConnectionStringBuilder(ConnectionString(provider)).DataSource;
        var folder = Path.IsPathRooted(source) ? Path.GetDirectoryName(source) : null;
        return string.IsNullOrEmpty(folder) ? Path.Combine(provider.GetRequiredService<IHostEnvironment>().ContentRootPath, "data") : folder;
    }

    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory
            && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.GetFullPath(source, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        builder.ForeignKeys = true;
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            // How long a write waits for SQLite's lock before it fails (then answered 503, never
            // 500: ErrorResponses). Microsoft.Data.Sqlite's default, 30 s, outlived every client.
            builder.DefaultTimeout = DefaultBusySeconds;
        }

        return builder.ToString();
    }

    /// <summary>
    /// Brings the database to the checked-in migrations (<see cref="DatabaseSchema"/>: a new
    /// database from Schema.sql, EF Core's migrator only for one that lacks some). A database
    /// created just now gets the sample article in the same transaction.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        if (IsPostgres(services))
        {
            await PostgresDatabase.MigrateAsync(services, ct);
            return;
        }

        var seed = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NewsReaderOptions>>().Value.SeedSampleArticle
            ? services.GetService<DatabaseSeed>()
            : null;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        SchemaState state;
        using (var plain = services.GetRequiredService<PlainConnections>().OpenSqlite())
        {
            state = DatabaseSchema.Prepare(plain, seed is null ? null : (connection, transaction) => seed.Write(connection, transaction, now));
        }

        if (state == SchemaState.Behind)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AppDb>().Database.MigrateAsync(ct);
        }
    }

    /// <summary>Seconds a write waits for the lock, unless the connection string says (<c>Default Timeout</c>).</summary>
    public const int DefaultBusySeconds = 5;

    /// <summary>Set on every connection: see <see cref="ConfigureOnce"/>.</summary>
    private const string ConnectionPragmas = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-1024; PRAGMA journal_size_limit=67108864;";

    /// <summary>
    /// What the write-ahead log is cut back to after a checkpoint (64 MiB, in <see cref="ConnectionPragmas"/>): SQLite reuses the WAL
    /// file from its start but never shrinks it, so one big restore left 205 MB on disk for good.
    /// </summary>
    public const long JournalSizeLimit = 64L * 1024 * 1024;

    /// <summary>
    /// Copies the WAL into the database and truncates it to nothing, after bulk writes (a restore,
    /// an import) and when the server goes quiet. Readers and writers running meanwhile make it
    /// return early (SQLite's busy handler, a few seconds at most); the next one finishes the job.
    /// </summary>
    public static void Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    /// <summary>
    /// Per connection: wait a while for a busy writer instead of failing at once, and NORMAL sync under WAL
    /// (safe against a crashed process; the last commits can be lost on power failure). EF Core
    /// opens a connection for every query, but the pool hands back the same SQLite connections,
    /// whose settings stay: each one is set up once (the first time its native handle is seen),
    /// not on every query. Each pooled connection keeps at most 1 MiB of pages (SQLite's default
    /// is 2 MiB); the OS page cache is shared. EF Core's connections get this through
    /// <see cref="SqlitePragmas"/>, plain ones (<see cref="PlainConnections"/>) call it.
    /// </summary>
    internal static void ConfigureOnce(SqliteConnection connection)
    {
        if (connection.Handle is { } handle && Configured.TryAdd(handle, handle))
        {
            using var command = connection.CreateCommand();
            // SQLite's own wait inside each step, within Microsoft.Data.Sqlite's retries up to the
            // connection's Default Timeout: together a write waits about that long, then fails.
            var busy = Math.Clamp(connection.DefaultTimeout * 1000 / 2, 100, 2000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.CommandText = $"PRAGMA busy_timeout={busy}; {ConnectionPragmas}";
            command.ExecuteNonQuery();
        }
    }

    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Configure(connection);              // SQLite's async calls run synchronously anyway
            return Task.CompletedTask;
        }

        private static void Configure(DbConnection connection)
        {
            if (connection is SqliteConnection sqlite)
            {
                ConfigureOnce(sqlite);
            }
        }
    }
}

/// <summary>
/// Plain connections to the database (pooled, set up like EF Core's), for the few reads that
/// must not wait for EF Core: the library, the page a fresh start serves first, is read before
/// EF Core has built anything (DatabaseStartup, Data/README.md). Unpooled ones are for a
/// caller that keeps its own (SearchConnections).
/// </summary>
public sealed class PlainConnections(IServiceProvider services)
{
    private readonly Lazy<string> _connectionString = new(() => Database.ConnectionString(services));
    private readonly Lazy<string> _unpooled = new(() =>
        new SqliteConnectionStringBuilder(Database.ConnectionString(services)) { Pooling = false }.ToString());

    private readonly Lazy<bool> _postgres = new(() => Database.IsPostgres(services));

    public bool IsPostgres => _postgres.Value;

    /// <summary>A connection on either database (SQL that both understand: quoted names, <c>@</c> parameters).</summary>
    public DbConnection Open() => _postgres.Value
        ? services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnection()
        : OpenSqlite();

    /// <summary>A SQLite connection, for what only SQLite has (its pragmas, FTS5, the backup API).</summary>
    public SqliteConnection OpenSqlite(bool pooled = true)
    {
        if (_postgres.Value)
        {
            throw new InvalidOperationException("This needs SQLite; the database is PostgreSQL.");
        }

        var connection = new SqliteConnection(pooled ? _connectionString.Value : _unpooled.Value);
        connection.Open();
        Database.ConfigureOnce(connection);
        return connection;
    }
}

/// <summary>
/// What a new database starts with, written in the schema's own transaction (Articles registers
/// the sample article, so Data needs to know nothing of articles).
/// </summary>
/// <see cref="Write"/> on SQLite, in the schema's transaction; <see cref="WriteAsync"/> through EF Core on PostgreSQL, once the schema is made.
public sealed record DatabaseSeed(Action<SqliteConnection, SqliteTransaction, DateTime> Write, Func<IServiceProvider, CancellationToken, Task> WriteAsync);
