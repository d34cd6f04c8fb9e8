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
/// A cache of sessions or of article headers asks for its own <see cref="DataScope"/>: the
/// number of commits that wrote those tables (<see cref="ChangeCounters"/>), read in the same
/// breath, so it stays valid while only highlights and notes are being written.
/// </summary>
public sealed class DataVersion(IServiceProvider services, IHttpContextAccessor requests) : IDisposable
{
    private static readonly object RequestItem = new();

    private readonly Lock _lock = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _read;
    private SqliteCommand? _readCounters;
    private long _seen = long.MinValue;
    private (long? Sessions, long? Articles) _counters;
    private bool _unsupported;
    private long _reads;
    private readonly Lazy<SnapshotVersion?> _postgres = new(() =>
        Database.IsPostgres(services) ? services.GetRequiredService<SnapshotVersion>() : null);

    /// <summary>How many times it was read (diagnostics, and the test that it is once per page).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public async ValueTask<long?> CurrentAsync(DataScope scope = DataScope.Everything) => (await VersionsAsync())?.For(scope);

    private async ValueTask<DataVersions?> VersionsAsync()
    {
        var request = requests.HttpContext;
        if (request is null || !(HttpMethods.IsGet(request.Request.Method) || HttpMethods.IsHead(request.Request.Method)))
        {
            return await ReadAsync();
        }

        if (request.Items.TryGetValue(RequestItem, out var known))
        {
            return (DataVersions?)known;
        }

        var versions = await ReadAsync();
        request.Items[RequestItem] = versions;
        return versions;
    }

    private async ValueTask<DataVersions?> ReadAsync()
    {
        if (_postgres.Value is { } snapshot)
        {
            Interlocked.Increment(ref _reads);
            return await snapshot.ReadAsync();
        }

        return ReadSqlite();
    }

    private DataVersions? ReadSqlite()
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
                _readCounters = _connection.CreateCommand();
                _readCounters.CommandText = ChangeCounters.Read;
            }

            Interlocked.Increment(ref _reads);
            var version = (long)_read!.ExecuteScalar()!;
            if (version != _seen)
            {
                // Something was committed since the last read: the counters may have moved too.
                _counters = ReadCounters(_readCounters!);
                _seen = version;
            }

            return new DataVersions(version, _counters.Sessions, _counters.Articles);
        }
    }

    private static (long? Sessions, long? Articles) ReadCounters(SqliteCommand read)
    {
        try
        {
            using var rows = read.ExecuteReader();
            var counters = rows.Cast<System.Data.IDataRecord>().ToDictionary(r => r.GetString(0), r => r.GetInt64(1), StringComparer.Ordinal);
            return (counters.GetValueOrDefault(ChangeCounters.Sessions), counters.GetValueOrDefault(ChangeCounters.Articles));
        }
        catch (SqliteException)
        {
            return (null, null);                                // a database not yet migrated: everything counts
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _read?.Dispose();
            _read = null;
            _readCounters?.Dispose();
            _readCounters = null;
            _connection?.Dispose();
            _connection = null;
        }
    }
}

/// <summary>What a cache's entries depend on: any commit at all, or only those that wrote one kind of data.</summary>
public enum DataScope
{
    Everything,

    /// <summary>Sign-in sessions (<c>UserSessions</c>).</summary>
    Sessions,

    /// <summary>Articles' own rows (<c>Articles</c>), not their highlights or notes.</summary>
    Articles,
}

/// <summary>One read of the versions: of everything, and each counter (null where the database has none: then everything counts).</summary>
public sealed record DataVersions(long Everything, long? Sessions, long? Articles)
{
    public long For(DataScope scope) => scope switch
    {
        DataScope.Sessions => Sessions,
        DataScope.Articles => Articles,
        _ => null,
    } ?? Everything;
}
