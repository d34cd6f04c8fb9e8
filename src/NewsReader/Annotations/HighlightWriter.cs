using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using NewsReader.Data.Postgres;

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
    private readonly PlainConnections _connections;

    /// <summary>SQLite: the writer's own connection and prepared statements, opened with the first batch.</summary>
    private SqliteInserts? _inserts;

    public HighlightWriter(IServiceScopeFactory scopes, PlainConnections connections)
    {
        _scopes = scopes;
        _connections = connections;
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
        if (batch.Count > 1)
        {
            if (_connections.IsPostgres)
            {
                await CopyAsync(db, batch);
            }
            else
            {
                Insert(db, batch);
            }

            return;
        }

        db.Highlights.AddRange(batch.Select(p => p.Highlight));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// SQLite: the batch through statements prepared once on the writer's own connection
    /// (<see cref="SqliteInserts"/>), each highlight then its tags. A connection that failed is
    /// closed, and the next batch opens a new one.
    /// </summary>
    private void Insert(AppDb db, List<Pending> batch)
    {
        // Foreign keys are on, as on every connection the app opens (Database.ResolveConnectionString).
        _inserts ??= new SqliteInserts(db.Model, _connections.OpenSqlite(pooled: false));
        try
        {
            var (highlights, tags) = Rows(batch);
            using var transaction = _inserts.Connection.BeginTransaction(deferred: false);
            highlights.ForEach(highlight => _inserts.Add(highlight, transaction));
            tags.ForEach(tag => _inserts.Add(tag, transaction));
            transaction.Commit();
        }
        catch (Exception e) when (e is not SqliteException { SqliteErrorCode: 19 })   // SQLITE_CONSTRAINT: a bad row, not a bad connection
        {
            _inserts.Dispose();
            _inserts = null;
            throw;
        }
    }

    /// <summary>
    /// PostgreSQL: the batch in two statements rather than an <c>INSERT</c> per row, so the
    /// search index and the tag counts are kept by one statement-level trigger call each for the
    /// whole batch. The tags go first, their reference to the highlight checked at commit
    /// (<see cref="PostgresDeferrableTags"/>): indexed as they arrive, the highlights are indexed
    /// once, with their tags, not once without and again for the tags. A highlight alone, and
    /// each of a failed batch's, goes through EF Core, whose errors the endpoint knows.
    /// </summary>
    private static async Task CopyAsync(AppDb db, List<Pending> batch)
    {
        var (highlights, tags) = Rows(batch);
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (tags.Count > 0)
        {
            await using var defer = db.Database.GetDbConnection().CreateCommand();
            defer.CommandText = $"SET CONSTRAINTS \"{TagsReferenceHighlights}\" DEFERRED";
            await defer.ExecuteNonQueryAsync();
            await PostgresCopy.WriteAsync(db, tags);
        }

        await PostgresCopy.WriteAsync(db, highlights);
        await transaction.CommitAsync();
    }

    /// <summary>A batch's rows for a bulk write: its highlights, and their tags, each pointing at its highlight (EF Core would set that when saving).</summary>
    private static (List<Highlight> Highlights, List<HighlightTag> Tags) Rows(List<Pending> batch)
    {
        var highlights = batch.Select(p => p.Highlight).ToList();
        var tags = highlights.SelectMany(h => h.Tags.Select(t =>
        {
            t.HighlightId = h.Id;
            return t;
        })).ToList();
        return (highlights, tags);
    }

    /// <summary>The foreign key from a tag to its highlight (EF Core's name for it).</summary>
    private const string TagsReferenceHighlights = "FK_HighlightTags_Highlights_HighlightId";

    /// <summary>
    /// Lets a transaction check tags' references to their highlights at commit (migration
    /// <c>SetBasedTriggers</c>); every other writer still has them checked at once.
    /// </summary>
    public const string PostgresDeferrableTags =
        $"ALTER TABLE \"HighlightTags\" ALTER CONSTRAINT \"{TagsReferenceHighlights}\" DEFERRABLE INITIALLY IMMEDIATE;";

    public const string PostgresImmediateTags =
        $"ALTER TABLE \"HighlightTags\" ALTER CONSTRAINT \"{TagsReferenceHighlights}\" NOT DEFERRABLE;";

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _inserts?.Dispose();
    }

    private sealed record Pending(Highlight Highlight, TaskCompletionSource Done, CancellationToken Cancelled);
}
