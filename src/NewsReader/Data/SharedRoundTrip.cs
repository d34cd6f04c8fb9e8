namespace NewsReader.Data;

/// <summary>
/// One database round trip at a time, shared by everyone who asks meanwhile. The first caller
/// starts it; callers who ask while it is on its way cannot join it (it may have started before
/// something they must see), so they wait for the next, which starts once the one on its way is
/// back and the requests already queued on the thread pool have had their turn to ask (up to
/// <see cref="GatherTurns"/> turns while work is queued; at once on an idle server), and
/// carries all of them: <c>run</c> is told how many it serves, and each caller
/// learns its place among them (0, 1, …). Under load one round trip serves every request of
/// that moment instead of each paying its own; alone, a caller waits for nobody.
/// A failed round trip fails each of its callers with the same exception; the next is tried
/// afresh.
/// </summary>
public sealed class SharedRoundTrip<T>(Func<int, Task<T>> run)
{
    private sealed class Round
    {
        public readonly TaskCompletionSource<T> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Callers;
    }

    /// <summary>
    /// At most this many turns at the back of the thread pool's queue before the next round
    /// starts, and only while work is queued: each round carries more requests (Data/README.md).
    /// </summary>
    public const int GatherTurns = 16;

    private readonly Lock _lock = new();
    private Round? _running;
    private Round? _next;

    public async Task<(T Result, int Place)> JoinAsync()
    {
        Round round;
        int place;
        bool start;
        lock (_lock)
        {
            start = _running is null;
            round = start ? _running = new Round() : _next ??= new Round();
            place = round.Callers++;
        }

        if (start)
        {
            _ = RunAsync(round);
        }

        return (await round.Done.Task, place);
    }

    /// <summary>Until every round asked for has ended (the app shutting down).</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            Task? running;
            lock (_lock)
            {
                running = _running?.Done.Task;
            }

            if (running is null)
            {
                return;
            }

            await running.ContinueWith(_ => { }, TaskScheduler.Default);
            await Task.Yield();
        }
    }

    private async Task RunAsync(Round? round)
    {
        while (round is not null)
        {
            try
            {
                // Callers is final: nobody joins a round once it is _running.
                round.Done.SetResult(await run(round.Callers));
            }
            catch (Exception e)
            {
                round.Done.SetException(e);
            }

            // Let requests already queued on the thread pool ask first, so they join the next
            // round; while work is still queued (the server is busy), give them more turns.
            await Task.Yield();
            for (var turn = 1; turn < GatherTurns && ThreadPool.PendingWorkItemCount > 0; turn++)
            {
                await Task.Yield();
            }

            lock (_lock)
            {
                round = _running = _next;
                _next = null;
            }
        }
    }
}
