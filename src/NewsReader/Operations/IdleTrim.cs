using Microsoft.Data.Sqlite;

namespace NewsReader.Operations;

/// <summary>
/// Gives memory back once the server goes quiet. A self-hosted reading app mostly waits, and
/// should wait small: after <see cref="IdleAfter"/> with no request in flight, one full,
/// compacting garbage collection hands the heap's free space back to the OS, and the idle pooled
/// SQLite connections are closed (each keeps up to 1 MiB of page cache), after the write-ahead
/// log is checkpointed and truncated. Once per quiet spell:
/// the next request starts a new one. Caches of rendered pages and panels are left alone.
/// On PostgreSQL only the memory is trimmed: the server checkpoints its own log, and each
/// instance trims for its own quiet (nothing here is shared between instances).
/// </summary>
public sealed class IdleTrim(TimeProvider clock, ILogger<IdleTrim> logger, NewsReader.Data.PlainConnections connections) : BackgroundService
{
    public static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);

    private long _inFlight;
    private long _lastActivity = clock.GetTimestamp();
    private long _trimmedFor = long.MinValue;

    /// <summary>When the last request ended (a <see cref="TimeProvider"/> timestamp).</summary>
    internal long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>Counts a request for as long as it runs (the middleware in <see cref="IdleTrimSetup.UseIdleTrim"/>).</summary>
    public async Task TrackAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await next(context);
        }
        finally
        {
            Volatile.Write(ref _lastActivity, clock.GetTimestamp());
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Trims when the server has been quiet long enough and not yet in this quiet spell; true when it did.</summary>
    public bool TrimIfIdle()
    {
        var last = Volatile.Read(ref _lastActivity);
        if (Interlocked.Read(ref _inFlight) > 0 || last == _trimmedFor || clock.GetElapsedTime(last) < IdleAfter)
        {
            return false;
        }

        _trimmedFor = last;
        var before = Environment.WorkingSet;
        if (!connections.IsPostgres)
        {
            try
            {
                // The write-ahead log back to nothing while nobody writes.
                using var connection = connections.OpenSqlite();
                NewsReader.Data.Database.Checkpoint(connection);
            }
            catch (SqliteException e)
            {
                logger.LogDebug(e, "Idle: the checkpoint did not run");
            }

            SqliteConnection.ClearAllPools();
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogDebug("Idle: memory trimmed from {Before} to {After} bytes", before, Environment.WorkingSet);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                TrimIfIdle();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}

public static class IdleTrimSetup
{
    public static IServiceCollection AddIdleTrim(this IServiceCollection services)
    {
        services.AddSingleton<IdleTrim>();
        services.AddHostedService(provider => provider.GetRequiredService<IdleTrim>());
        return services;
    }

    public static IApplicationBuilder UseIdleTrim(this IApplicationBuilder app)
    {
        var trim = app.ApplicationServices.GetRequiredService<IdleTrim>();
        return app.Use(trim.TrackAsync);
    }
}
