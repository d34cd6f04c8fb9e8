using System.Threading.RateLimiting;
using Npgsql;

namespace NewsReader.Web;

/// <summary>
/// On PostgreSQL, where several instances serve one app, the rate limits are counted in the
/// database, so N instances allow what one would, not N times that: a fixed one-minute window
/// per key (a client address, a reader) in an unlogged table (<see cref="PostgresCreate"/>). One
/// upsert counts every request of the same key that arrived while the previous one was on its
/// way (<see cref="SharedRoundTrip{T}"/>), and the requests it counted are let through in their
/// order until the window's permits are used: the same answers as one upsert each, at one round
/// trip per moment instead of one per request. Unlogged: a count lost in a crash costs nothing, and no write-ahead
/// log is written for it. Windows are aligned to the clock's minutes. On SQLite (one process)
/// ASP.NET Core's in-memory limiters count, as before.
/// </summary>
internal sealed class SharedWindowLimiter : RateLimiter
{
    private static long _calls;

    private readonly NpgsqlDataSource _source;
    private readonly string _key;
    private readonly int _permits;
    private readonly SharedRoundTrip<(int Count, TimeSpan UntilNextWindow)> _counts;

    public SharedWindowLimiter(NpgsqlDataSource source, string key, int permits)
    {
        _source = source;
        _key = key;
        _permits = permits;
        _counts = new(CountAsync);
    }

    private const string Count =
        """
        INSERT INTO "RateLimitWindows" AS w ("Key", "WindowStart", "Count") VALUES (@key, date_trunc('minute', now()), @requests)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN w."WindowStart" = excluded."WindowStart" THEN w."Count" + excluded."Count" ELSE excluded."Count" END,
            "WindowStart" = excluded."WindowStart"
        RETURNING "Count", extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now())
        """;

    /// <summary>Windows of keys not seen for two minutes, removed now and then (every 1,000th count sent).</summary>
    private const string Forget = "DELETE FROM \"RateLimitWindows\" WHERE \"WindowStart\" < now() - interval '2 minutes'";

    // State is in the database: a partition's limiter may be dropped and made again at any time.
    public override TimeSpan? IdleDuration => TimeSpan.FromHours(1);

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => AcquireAsyncCore(permitCount, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        // Not cancelled with one request: the round trip counts others too.
        var ((first, untilNextWindow), place) = await _counts.JoinAsync().WaitAsync(cancellationToken);
        var count = first + place;                     // this request's number in the window
        return new Lease(count <= _permits, count <= _permits ? null : untilNextWindow);
    }

    /// <summary>Counts <paramref name="requests"/> requests; the first one's number in the window, and the time to the next.</summary>
    private async Task<(int Count, TimeSpan UntilNextWindow)> CountAsync(int requests)
    {
        await using var connection = await _source.OpenConnectionAsync();
        if (Interlocked.Increment(ref _calls) % 1000 == 0)
        {
            await using var forget = new NpgsqlCommand(Forget, connection);
            await forget.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(Count, connection);
        command.Parameters.AddWithValue("key", _key);
        command.Parameters.AddWithValue("requests", requests);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var count = reader.GetInt32(0);
        var untilNextWindow = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture))));
        return (count - requests + 1, untilNextWindow);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }

    /// <summary>The table (PostgreSQL's first migration makes it).</summary>
    public const string PostgresCreate =
        """
        CREATE UNLOGGED TABLE "RateLimitWindows" (
            "Key" text COLLATE "C" PRIMARY KEY,
            "WindowStart" timestamp with time zone NOT NULL,
            "Count" integer NOT NULL
        );
        """;

    public const string PostgresDrop = "DROP TABLE IF EXISTS \"RateLimitWindows\";";
}
