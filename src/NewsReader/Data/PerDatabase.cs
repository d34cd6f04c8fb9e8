namespace NewsReader.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) for each database: EF Core binds one to the
/// model it first ran on, and a process may hold contexts of both (<c>copy-database</c> reads
/// SQLite and writes PostgreSQL; the tests run both). Compiled on first use, once per database.
/// </summary>
public sealed class PerDatabase<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private TQuery? _sqlite;
    private TQuery? _postgres;

    public TQuery For(AppDb db) => db is PostgresAppDb
        ? _postgres ??= compile()
        : _sqlite ??= compile();
}
