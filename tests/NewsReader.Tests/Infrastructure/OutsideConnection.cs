using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace NewsReader.Tests.Infrastructure;

/// <summary>
/// A connection to a test app's database from outside the app (its own, unpooled): what another
/// process or instance looks like. SQL given to it is what both databases take (quoted names,
/// <c>@</c> parameters).
/// </summary>
public sealed class OutsideConnection : IAsyncDisposable
{
    private readonly DbConnection _connection;

    private OutsideConnection(DbConnection connection) => _connection = connection;

    public static async Task<OutsideConnection> OpenAsync(TestApp app)
    {
#if POSTGRES
        DbConnection connection = app.OnSqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath};Pooling=False")
            : new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(app.PostgresConnectionString) { Pooling = false }.ConnectionString);
#else
        DbConnection connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
#endif
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return new OutsideConnection(connection);
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Holds the lock a writer of <paramref name="tables"/> needs until <see cref="ReleaseAsync"/>:
    /// SQLite's one write lock (a write transaction begun), PostgreSQL's table locks that block
    /// writes and let reads through.
    /// </summary>
    public Task HoldWritesAsync(params string[] tables) =>
#if POSTGRES
        ExecuteAsync($"BEGIN; LOCK TABLE {string.Join(", ", tables.Select(t => $"\"{t}\""))} IN EXCLUSIVE MODE;");
#else
        ExecuteAsync("BEGIN IMMEDIATE;");
#endif

    public Task ReleaseAsync() => ExecuteAsync("ROLLBACK;");

    /// <summary>Ends what <see cref="HoldWritesAsync"/> began, keeping what was written meanwhile.</summary>
    public Task CommitAsync() => ExecuteAsync("COMMIT;");

    /// <summary>A highlight's id as the database keeps it: SQLite, EF Core's upper-case text; PostgreSQL, a uuid.</summary>
    public static object Id(Guid id) =>
#if POSTGRES
        id;
#else
        id.ToString().ToUpperInvariant();
#endif

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

public static class TestDatabase
{
    /// <summary>Configures the app's context, whichever type the database gives it (<c>PostgresAppDb</c> on PostgreSQL).</summary>
    public static IServiceCollection ConfigureAppDb(this IServiceCollection services, Action<DbContextOptionsBuilder> configure) =>
#if POSTGRES
        services.ConfigureDbContext<NewsReader.Data.PostgresAppDb>(configure);
#else
        services.ConfigureDbContext<NewsReader.Data.AppDb>(configure);
#endif

    /// <summary>The app's connection string with writes that wait at most <paramref name="seconds"/> for a lock, then fail (503).</summary>
    public static string WithWriteTimeout(this TestApp app, int seconds) =>
#if POSTGRES
        $"{app.PostgresConnectionString};Options=-c lock_timeout={seconds * 1000}";
#else
        $"Data Source={app.DatabasePath};Default Timeout={seconds}";
#endif
}
