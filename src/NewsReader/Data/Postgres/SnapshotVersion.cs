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
    private readonly SharedRoundTrip<DataVersions> _reads;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _read;
    private long _roundTrips;

    public SnapshotVersion(NpgsqlDataSource source)
    {
        _source = source;
        _reads = new SharedRoundTrip<DataVersions>(_ => ReadOnceAsync());
    }

    /// <summary>The snapshot and, in the same statement, the counters (<see cref="ChangeCounters"/>).</summary>
    private const string Read = "SELECT pg_current_snapshot()::text, "
        + "(SELECT \"Version\" FROM \"ChangeCounters\" WHERE \"Name\" = '" + ChangeCounters.Sessions + "'), "
        + "(SELECT \"Version\" FROM \"ChangeCounters\" WHERE \"Name\" = '" + ChangeCounters.Articles + "')";

    /// <summary>How many reads went to the server (tests: one per moment, not one per request).</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public async Task<DataVersions> ReadAsync() => (await _reads.JoinAsync()).Result;

    /// <summary>Only ever one at a time (<see cref="SharedRoundTrip{T}"/>), so the connection is never shared.</summary>
    private async Task<DataVersions> ReadOnceAsync()
    {
        Interlocked.Increment(ref _roundTrips);
        try
        {
            if (_read is null)
            {
                _connection = await _source.OpenConnectionAsync();
                _read = new NpgsqlCommand(Read, _connection);
                await _read.PrepareAsync();
            }

            await using var row = await _read.ExecuteReaderAsync();
            await row.ReadAsync();
            return new DataVersions(Hash(row.GetString(0)), row.GetInt64(1), row.GetInt64(2));
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
