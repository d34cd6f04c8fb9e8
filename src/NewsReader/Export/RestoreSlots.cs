using System.Collections.Concurrent;

namespace NewsReader.Export;

/// <summary>
/// Restores through the web, bounded: one at a time per reader (a second upload while the first
/// runs is refused, not queued) and <see cref="RestoreOptions.MaxConcurrent"/> on the server, so
/// a few large uploads cannot take the server's memory or the database's time together.
/// </summary>
public sealed class RestoreSlots(IOptions<NewsReaderOptions> options)
{
    private readonly ConcurrentDictionary<string, byte> _readers = new(StringComparer.Ordinal);
    private int _running;

    public enum Refusal
    {
        None,
        ReaderBusy,
        ServerBusy,
    }

    public Refusal TryEnter(string userId, out Lease lease)
    {
        lease = default;
        if (!_readers.TryAdd(userId, 0))
        {
            return Refusal.ReaderBusy;
        }

        if (Interlocked.Increment(ref _running) > options.Value.Restore.MaxConcurrent)
        {
            Interlocked.Decrement(ref _running);
            _readers.TryRemove(userId, out _);
            return Refusal.ServerBusy;
        }

        lease = new Lease(this, userId);
        return Refusal.None;
    }

    public readonly struct Lease(RestoreSlots owner, string userId) : IDisposable
    {
        public void Dispose()
        {
            if (owner is null)
            {
                return;
            }

            Interlocked.Decrement(ref owner._running);
            owner._readers.TryRemove(userId, out _);
        }
    }
}
