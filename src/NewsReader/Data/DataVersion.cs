using Microsoft.Data.Sqlite;

namespace NewsReader.Data;

/// <summary>
/// A number that changes whenever anything is committed to the database, by this process or
/// another (the CLI importing or restoring while the app serves): SQLite's
/// <c>PRAGMA data_version</c> on a connection of our own that never writes. Caches of per-reader
/// data compare it to the value they were filled at, so they can never serve a page older than
/// the last commit. Null for in-memory databases, which another connection cannot watch.
/// A GET or HEAD request reads it once, when it first asks, and every cache it touches sees
/// that number: such a request commits nothing its caches hold (only a session's "last seen"),
/// On PostgreSQL it is the server's current snapshot (<see cref="PostgresVersion"/>): every
/// instance reads the same one, so a write through any of them is seen by all at the next request.
/// and a version read early is only ever older, which makes an entry stale, never wrong. Other
/// requests write, then may read again, so they read it each time they ask.
/// </summary>
public sealed class DataVersion(IServiceProvider services, IHttpContextAccessor requests) : IDisposable
{
    private static readonly object RequestItem = new();

    private readonly Lock _lock = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _read;
    private bool _unsupported;
    private long _reads;
    private readonly Lazy<bool> _postgres = new(() => Database.IsPostgres(services));

    /// <summary>How many times the database was asked (diagnostics, and the test that it is once per page).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public long? Current()
    {
        var request = requests.HttpContext;
        if (request is null || !(HttpMethods.IsGet(request.Request.Method) || HttpMethods.IsHead(request.Request.Method)))
        {
            return Read();
        }

        if (request.Items.TryGetValue(RequestItem, out var known))
        {
            return (long?)known;
        }

        var version = Read();
        request.Items[RequestItem] = version;
        return version;
    }

    private long? Read()
    {
        if (_postgres.Value)
        {
            Interlocked.Increment(ref _reads);
            return PostgresVersion(services.GetRequiredService<Npgsql.NpgsqlDataSource>());
        }

        lock (_lock)
        {
            if (_unsupported)
            {
                return null;
            }

            if (_connection is null)
            {
                var builder = new SqliteConnectionStringBuilder(Database.ConnectionString(services)) { Pooling = false };
                if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
                {
                    _unsupported = true;
                    return null;
                }

                _connection = new SqliteConnection(builder.ToString());
                _connection.Open();
                // Prepared once: every signed-in page view asks, so it should not be parsed each time.
                _read = _connection.CreateCommand();
                _read.CommandText = "PRAGMA data_version";
                _read.Prepare();
            }

            Interlocked.Increment(ref _reads);
            return (long)_read!.ExecuteScalar()!;
        }
    }

    /// <summary>
    /// PostgreSQL has no commit counter, but its snapshot (<c>pg_current_snapshot()</c>: the
    /// oldest transaction still running, one past the newest finished, and those running in
    /// between) changes whenever a transaction that wrote anything ends, in any session, and
    /// not on reads. A 64-bit FNV-1a hash of its text is the version (its text is not bounded).
    /// Read before the value, like SQLite's: a commit in between makes an entry stale, never wrong.
    /// </summary>
    public static long PostgresVersion(Npgsql.NpgsqlDataSource source)
    {
        using var command = source.CreateCommand("SELECT pg_current_snapshot()::text");
        var text = (string)command.ExecuteScalar()!;
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _read?.Dispose();
            _read = null;
            _connection?.Dispose();
            _connection = null;
        }
    }
}
