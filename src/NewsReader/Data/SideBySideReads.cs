using System.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsReader.Data;

/// <summary>
/// Contexts for queries that stream side by side and must see one moment of the database (an
/// export merges several ordered streams as they come). On SQLite that is the one context:
/// statements open at once on a connection share its read snapshot. A PostgreSQL connection runs
/// one statement at a time, so there each stream gets a context of its own, each in a read-only
/// repeatable-read transaction that imports the first one's snapshot
/// (<c>pg_export_snapshot()</c>, <c>SET TRANSACTION SNAPSHOT</c>): the same moment, exactly.
/// </summary>
public sealed class SideBySideReads : IAsyncDisposable
{
    private readonly List<AsyncServiceScope> _scopes = [];
    private readonly List<IDbContextTransaction> _transactions = [];
    private readonly AppDb[] _contexts;

    private SideBySideReads(int streams) => _contexts = new AppDb[streams];

    /// <summary>The context for stream <paramref name="index"/> (0 to streams - 1).</summary>
    public AppDb this[int index] => _contexts[index];

    public static async Task<SideBySideReads> BeginAsync(AppDb db, IServiceScopeFactory scopes, int streams, CancellationToken ct)
    {
        var reads = new SideBySideReads(streams);
        if (!db.Database.IsNpgsql())
        {
            Array.Fill(reads._contexts, db);
            return reads;
        }

        try
        {
            string? snapshot = null;
            for (var i = 0; i < streams; i++)
            {
                var scope = scopes.CreateAsyncScope();
                reads._scopes.Add(scope);
                var context = scope.ServiceProvider.GetRequiredService<AppDb>();
                reads._transactions.Add(await context.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct));
                if (snapshot is null)
                {
                    await context.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
                    snapshot = await context.Database.SqlQueryRaw<string>("SELECT pg_export_snapshot() AS \"Value\"").SingleAsync(ct);
                }
                else
                {
                    // The snapshot's id is PostgreSQL's own text, not input: it cannot be a parameter here.
#pragma warning disable EF1002
                    await context.Database.ExecuteSqlRawAsync($"SET TRANSACTION READ ONLY; SET TRANSACTION SNAPSHOT '{snapshot.Replace("'", "''", StringComparison.Ordinal)}'", ct);
#pragma warning restore EF1002
                }

                reads._contexts[i] = context;
            }

            return reads;
        }
        catch
        {
            await reads.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var transaction in _transactions)
        {
            await transaction.DisposeAsync();       // read-only: rolled back, nothing to keep
        }

        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
    }
}
