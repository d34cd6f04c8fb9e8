using System.Data.Common;

namespace NewsReader.Search;

/// <summary>
/// A statement built from parts, every value in it a parameter: <see cref="Add"/> names each one
/// <c>@search0x</c>, <c>@search1x</c>… in order ("@search1x" is no part of "@search10x"), so a
/// command gets exactly the parameters whose names its text holds. Both databases take <c>@</c> names.
/// </summary>
internal sealed class SqlParts(Func<string, object, DbParameter> parameter)
{
    private readonly List<(string Name, object Value)> _values = [];

    public string Add(object value)
    {
        var name = "@search" + _values.Count.ToString(CultureInfo.InvariantCulture) + "x";
        _values.Add((name, value));
        return name;
    }

    /// <summary>New parameters (one belongs to one command) for those <paramref name="text"/> names.</summary>
    public IEnumerable<DbParameter> Used(string text) =>
        _values.Where(v => text.Contains(v.Name, StringComparison.Ordinal)).Select(v => parameter(v.Name, v.Value));

    /// <summary>The query's dates on <paramref name="column"/>, each as the database stores them: before is exclusive, after inclusive.</summary>
    public List<string> Dates(SearchQuery query, string column, Func<DateOnly, object> stored)
    {
        var where = new List<string>();
        if (query.Before is { } before)
        {
            where.Add($"{column} < {Add(stored(before))}");
        }

        if (query.After is { } after)
        {
            where.Add($"{column} >= {Add(stored(after))}");
        }

        return where;
    }

    /// <summary>
    /// The statement's one column (named <c>Value</c>) as an EF Core query the caller composes further.
    /// The text must hold no braces: EF Core runs raw SQL with parameters through string.Format.
    /// </summary>
    public IQueryable<T> Query<T>(AppDb db, string text) => db.Database.SqlQueryRaw<T>(text, Used(text).ToArray<object>());

    public DbCommand Command(DbConnection connection, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Parameters.AddRange(Used(text).ToArray());
        return command;
    }
}
