using System.Threading.Channels;
using NewsReader.Data;

namespace NewsReader.Annotations;

/// <summary>
/// Group commit for new highlights. SQLite has one writer at a time, and a transaction costs
/// far more than the row it adds (begin, the index pages written to the WAL, commit), so
/// highlights created at the same moment are written together: one loop takes everything
/// queued, stores it in one transaction and only then answers each request. A request still
/// gets its 201 only once its row is committed. If the shared transaction fails, the batch is
/// written again one highlight at a time, so a bad row fails only its own request.
/// </summary>
public sealed class HighlightWriter : IAsyncDisposable
{
    /// <summary>Enough to empty the queue under load; small enough that one transaction stays short.</summary>
    public const int MaxBatch = 128;

    private readonly IServiceScopeFactory _scopes;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public HighlightWriter(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Commits <paramref name="highlight"/> (with its tags); throws what saving it alone would throw.
    /// A request whose client gave up (<paramref name="ct"/>) before its batch was written is not
    /// written at all: nothing is stored that nobody was told about.
    /// </summary>
    public Task AddAsync(Highlight highlight, CancellationToken ct = default)
    {
        var pending = new Pending(highlight, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), ct);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(HighlightWriter), "The app is shutting down.");
        }

        // The request ends when its client leaves; the queued row is then dropped unless it is being written already.
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                if (pending.Cancelled.IsCancellationRequested)
                {
                    pending.Done.TrySetCanceled(pending.Cancelled);
                    continue;
                }

                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch);                       // answers every request, never throws
                batch.Clear();
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await SaveAsync(batch);
            batch.ForEach(p => p.Done.TrySetResult());
            return;
        }
        catch (Exception e) when (batch.Count == 1)
        {
            batch[0].Done.TrySetException(e);
            return;
        }
        catch (Exception)
        {
            // Somebody's row is bad (an id taken, twice in this batch, an article deleted
            // meanwhile): the others must not fail with it, so each is written alone.
        }

        foreach (var pending in batch)
        {
            try
            {
                await SaveAsync([pending]);
                pending.Done.TrySetResult();
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    private async Task SaveAsync(List<Pending> batch)
    {
        // A fresh context each time: after a failed save nothing of the batch stays tracked.
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.Highlights.AddRange(batch.Select(p => p.Highlight));
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(Highlight Highlight, TaskCompletionSource Done, CancellationToken Cancelled);
}
