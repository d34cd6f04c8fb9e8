using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace NewsReader.Search;

/// <summary>
/// The connections searches read on, kept apart from the pool every other query shares. FTS5
/// walks long doclists and reads each found row's text: with the 1 MiB page cache a pooled
/// connection keeps (Data/Database.cs), most of a search was the kernel copying the same pages
/// in again. These keep <see cref="CacheKiB"/> each, stay open and warm, and there are at most
/// as many as searches may run at once (<see cref="MaxConcurrent"/>, one per core): more would
/// only queue on the cores and hold more memory. They never write.
/// </summary>
public sealed class SearchConnections(PlainConnections connections) : IDisposable
{
    public const int CacheKiB = 8 * 1024;

    public static readonly int MaxConcurrent = Math.Clamp(Environment.ProcessorCount, 2, 8);

    private readonly SemaphoreSlim _slots = new(MaxConcurrent, MaxConcurrent);
    private readonly ConcurrentBag<SqliteConnection> _idle = [];

    /// <summary>A connection for one search; dispose the lease to hand it back.</summary>
    public async Task<Lease> RentAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            if (!_idle.TryTake(out var connection))
            {
                connection = connections.OpenSqlite(pooled: false);
                using var pragmas = connection.CreateCommand();
                pragmas.CommandText = $"PRAGMA cache_size=-{CacheKiB}; PRAGMA query_only=1;";
                pragmas.ExecuteNonQuery();
            }

            return new Lease(this, connection);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _slots.Dispose();
    }

    public sealed class Lease(SearchConnections owner, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose()
        {
            owner._idle.Add(Connection);
            owner._slots.Release();
        }
    }
}
