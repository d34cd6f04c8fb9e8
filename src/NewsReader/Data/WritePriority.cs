namespace NewsReader.Data;

/// <summary>
/// SQLite has one writer at a time and no queue: whoever retries first gets the lock. Long
/// writes (a restore, an import) go in short transactions and, between them, step aside while
/// a reader's own write is in flight in this process (a highlight, a note, a sign-in), so that
/// one never waits behind a bulk job. Another process (the CLI) cannot see this counter: bulk
/// jobs also pause between transactions (<see cref="PauseAfter"/>), so any writer gets a turn.
/// </summary>
public sealed class WritePriority
{
    /// <summary>
    /// The longest a bulk job waits for interactive writers before it takes its turn anyway: they
    /// need the lock for a few milliseconds each, and a steady stream of them must not stop it.
    /// </summary>
    public static readonly TimeSpan MaxYield = TimeSpan.FromMilliseconds(100);

    private int _interactive;

    /// <summary>Interactive writes in flight now.</summary>
    public int Interactive => Volatile.Read(ref _interactive);

    /// <summary>Marks an interactive write (a request that changes something) until disposed.</summary>
    public Scope Enter()
    {
        Interlocked.Increment(ref _interactive);
        return new Scope(this);
    }

    /// <summary>A bulk job's turn: after its last transaction, let waiting writers in first.</summary>
    public async Task YieldAsync(TimeSpan lastTransaction, CancellationToken ct)
    {
        await Task.Delay(PauseAfter(lastTransaction), ct);
        var deadline = DateTime.UtcNow + MaxYield;
        while (Interactive > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5, ct);
        }
    }

    /// <summary>
    /// As long as the transaction held the lock, within 10–100 ms: SQLite's busy handler retries a
    /// waiting writer at least every 100 ms, so over a few pauses every waiting writer gets in.
    /// </summary>
    public static TimeSpan PauseAfter(TimeSpan lastTransaction) =>
        TimeSpan.FromMilliseconds(Math.Clamp(lastTransaction.TotalMilliseconds, 10, 100));

    public readonly struct Scope(WritePriority owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._interactive);
    }
}
