using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace NewsReader.Data.Postgres;

/// <summary>
/// New rows written with PostgreSQL's binary <c>COPY</c>, in the columns, types and value
/// conversions EF Core maps for the entity (so a change to the entity changes this too): one
/// statement for any number of rows, where EF Core sends an <c>INSERT</c> per row. Triggers fire
/// as for an <c>INSERT</c>: the statement-level ones once, with every row in their transition
/// table. A row the table refuses fails the whole statement (and so the transaction).
/// </summary>
public static class PostgresCopy
{
    /// <summary>
    /// Writes <paramref name="rows"/>, each property's value read by <paramref name="read"/>, or
    /// by default from its CLR property (an entity with a shadow property then needs a
    /// <paramref name="read"/>: its tracked entry holds the value).
    /// </summary>
    public static async Task WriteAsync<T>(AppDb db, IReadOnlyCollection<T> rows, Func<T, IProperty, object?>? read = null, CancellationToken ct = default)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(property => read is null && property.IsShadowProperty()
                ? throw new NotSupportedException($"{typeof(T).Name}.{property.Name} has no CLR property to copy from.")
                : (Property: property, Name: property.GetColumnName(table)!, Type: property.GetColumnType(table), property.GetTypeMapping().Converter))
            .ToList();
        read ??= (row, property) => property.GetGetter().GetClrValueUsingContainingEntity(row);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var copy = $"COPY {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var (property, _, type, converter) in columns)
            {
                var value = read(row, property);
                if (value is not null && converter is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, type, ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
