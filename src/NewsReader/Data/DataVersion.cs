using Microsoft.Data.Sqlite;
using NewsReader.Data.Postgres;

namespace NewsReader.Data;

/// <summary>
/// A number that changes whenever anything is committed to the database, by this process or
/// another (the CLI importing or restoring while the app serves, another instance). On SQLite it
/// is <c>PRAGMA data_version</c> on a connection of our own that never writes; on PostgreSQL, a
/// hash of the server's current snapshot (<see cref="SnapshotVersion"/>), the same for every
/// instance, so a write through any of them is seen by all at the next request. Caches of
/// per-reader data compare it to the value they were filled at, so they can never serve a page
/// older than the last commit. Null for in-memory SQLite databases, which another connection
/// cannot watch. A GET or HEAD request reads it once, when it first asks, and every cache it
/// touches sees that number: such a request commits nothing its caches hold (only a session's
/// "last seen"), and a version read early is only ever older, which makes an entry stale, never
/// wrong. Other requests write, then may read again, so they read it each time they ask.
/// </summary>
public sealed class DataVersion(IServiceProvider services, IHttpContextAccessor requests) : IDisposable
{
    private static readonly object RequestItem = new();

    private readonly Lock _lock = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _read;
    private bool _unsupported;
    private long _reads;
    private readonly Lazy<SnapshotVersion?> _postgres = new(() =>
        Database.IsPostgres(services) ? services.GetRequiredService<SnapshotVersion>() : null);

    /// <summary>How many times it was read (diagnostics, and the test that it is once per page).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public async ValueTask<long?> CurrentAsync()
    {
        var request = requests.HttpContext;
        if (request is null || !(HttpMethods.IsGet(request.Request.Method) || HttpMethods.IsHead(request.Request.Method)))
        {
            return await ReadAsync();
        }

        if (request.Items.TryGetValue(RequestItem, out var known))
        {
            return (long?)known;
        }

        var version = await ReadAsync();
        request.Items[RequestItem] = version;
        return version;
    }

    private async ValueTask<long?> ReadAsync()
    {
        if (_postgres.Value is { } snapshot)
        {
            Interlocked.Increment(ref _reads);
            return await snapshot.ReadAsync();
        }

        return ReadSqlite();
    }

    private long? ReadSqlite()
    {
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
