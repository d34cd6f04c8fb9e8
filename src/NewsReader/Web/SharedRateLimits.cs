using System.Globalization;
using System.Threading.RateLimiting;
using Npgsql;

namespace NewsReader.Web;

/// <summary>
/// On PostgreSQL, where several instances serve one app, the rate limits are counted in the
/// database, so N instances allow what one would, not N times that: a fixed one-minute window
/// per key (a client address, a reader) in an unlogged table (<see cref="PostgresCreate"/>), one
/// upsert per limited request. Unlogged: a count lost in a crash costs nothing, and no write-ahead
/// log is written for it. Windows are aligned to the clock's minutes. On SQLite (one process)
/// ASP.NET Core's in-memory limiters count, as before.
/// </summary>
internal sealed class SharedWindowLimiter(NpgsqlDataSource source, string key, int permits) : RateLimiter
{
    private static long _calls;

    private const string Count =
        """
        INSERT INTO "RateLimitWindows" AS w ("Key", "WindowStart", "Count") VALUES (@key, date_trunc('minute', now()), 1)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN w."WindowStart" = excluded."WindowStart" THEN w."Count" + 1 ELSE 1 END,
            "WindowStart" = excluded."WindowStart"
        RETURNING "Count", extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now())
        """;

    /// <summary>Windows of keys not seen for two minutes, removed now and then (every 1,000th request).</summary>
    private const string Forget = "DELETE FROM \"RateLimitWindows\" WHERE \"WindowStart\" < now() - interval '2 minutes'";

    // State is in the database: a partition's limiter may be dropped and made again at any time.
    public override TimeSpan? IdleDuration => TimeSpan.FromHours(1);

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => AcquireAsyncCore(permitCount, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        if (Interlocked.Increment(ref _calls) % 1000 == 0)
        {
            await using var forget = new NpgsqlCommand(Forget, connection);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(Count, connection);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt32(0);
        var untilNextWindow = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture))));
        return new Lease(count <= permits, count <= permits ? null : untilNextWindow);
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
