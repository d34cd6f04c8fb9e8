using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsReader.Data;

/// <summary>
/// New rows written on SQLite by one prepared <c>INSERT</c> per entity type, with the columns,
/// type mappings and value conversions EF Core uses for that entity (so a change to the entity
/// changes this too). EF Core writes a batch as one command text of an <c>INSERT</c> per row,
/// and SQLite compiles each of them, with every trigger it fires, again for every batch; a
/// statement kept prepared on a connection of its own is compiled once. Triggers fire as for any
/// <c>INSERT</c>. Not thread-safe: one writer owns it, with its connection.
/// </summary>
public sealed class SqliteInserts(IModel model, SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<Type, Insert> _inserts = [];

    public SqliteConnection Connection => connection;

    /// <summary>Adds <paramref name="row"/> in <paramref name="transaction"/>; throws what SQLite refuses (a constraint, a trigger's error).</summary>
    public void Add<T>(T row, SqliteTransaction transaction)
        where T : class
    {
        if (!_inserts.TryGetValue(typeof(T), out var insert))
        {
            insert = Prepare(typeof(T));
            _inserts[typeof(T)] = insert;
        }

        insert.Command.Transaction = transaction;
        insert.Command.Parameters.Clear();
        for (var i = 0; i < insert.Columns.Count; i++)
        {
            var (property, mapping) = insert.Columns[i];
            var value = property.GetGetter().GetClrValueUsingContainingEntity(row);
            insert.Command.Parameters.Add(mapping.CreateParameter(insert.Command, Parameter(i), value, property.IsNullable));
        }

        insert.Command.ExecuteNonQuery();
    }

    private Insert Prepare(Type type)
    {
        var entity = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(property => property.IsShadowProperty()
                ? throw new NotSupportedException($"{type.Name}.{property.Name} has no CLR property to insert from.")
                : (Property: property, Mapping: (RelationalTypeMapping)property.GetTypeMapping()))
            .ToList();
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Property.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => Parameter(i)))})";
        return new Insert(command, columns);
    }

    private static string Parameter(int index) => $"@p{index.ToString(CultureInfo.InvariantCulture)}";

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public void Dispose()
    {
        foreach (var insert in _inserts.Values)
        {
            insert.Command.Dispose();
        }

        connection.Dispose();
    }

    private sealed record Insert(SqliteCommand Command, List<(IProperty Property, RelationalTypeMapping Mapping)> Columns);
}
