using Microsoft.Data.Sqlite;

namespace NewsReader.Data;

/// <summary>
/// A number that changes whenever anything is committed to the database, by this process or
/// another (the CLI importing or restoring while the app serves): SQLite's
/// <c>PRAGMA data_version</c> on a connection of our own that never writes. Caches of per-reader
/// data compare it to the value they were filled at, so they can never serve a page older than
/// the last commit. Null for in-memory databases, which another connection cannot watch.
/// </summary>
public sealed class DataVersion(IServiceProvider services) : IDisposable
{
    private readonly Lock _lock = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _read;
    private bool _unsupported;

    public long? Current()
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
