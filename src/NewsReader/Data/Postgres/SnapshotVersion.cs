using Npgsql;

namespace NewsReader.Data.Postgres;

/// <summary>
/// PostgreSQL's data version (see <see cref="DataVersion"/>), one read shared by every request
/// that asks at about the same moment (<see cref="SharedRoundTrip{T}"/>). Each request still gets
/// a version read after it asked, as fresh as a round trip of its own, so a commit by any
/// instance is seen at its next request; the server answers one read at a time however many
/// requests ask. Reads go over one connection of their own with the statement prepared; a
/// broken connection fails the requests of that read (a busy or unreachable database: 503) and
/// is opened again by the next.
/// </summary>
public sealed class SnapshotVersion : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly SharedRoundTrip<long> _reads;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _read;
    private long _roundTrips;

    public SnapshotVersion(NpgsqlDataSource source)
    {
        _source = source;
        _reads = new SharedRoundTrip<long>(_ => ReadOnceAsync());
    }

    /// <summary>How many reads went to the server (tests: one per moment, not one per request).</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public async Task<long> ReadAsync() => (await _reads.JoinAsync()).Result;

    /// <summary>Only ever one at a time (<see cref="SharedRoundTrip{T}"/>), so the connection is never shared.</summary>
    private async Task<long> ReadOnceAsync()
    {
        Interlocked.Increment(ref _roundTrips);
        try
        {
            if (_read is null)
            {
                _connection = await _source.OpenConnectionAsync();
                _read = new NpgsqlCommand("SELECT pg_current_snapshot()::text", _connection);
                await _read.PrepareAsync();
            }

            return Hash((string)(await _read.ExecuteScalarAsync())!);
        }
        catch
        {
            await CloseAsync();
            throw;
        }
    }

    /// <summary>
    /// The snapshot (the oldest transaction still running, one past the newest finished, and
    /// those running in between) changes whenever a transaction that wrote anything ends, in any
    /// session, and not on reads. A 64-bit FNV-1a hash of its text is the version (the text is
    /// not bounded).
    /// </summary>
    private static long Hash(string snapshot)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in snapshot)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    private async Task CloseAsync()
    {
        if (_read is not null)
        {
            await _read.DisposeAsync();
            _read = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reads.DrainAsync();
        await CloseAsync();
    }

    /// <summary>For a container disposed synchronously (a CLI verb's): the same, waited for.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
