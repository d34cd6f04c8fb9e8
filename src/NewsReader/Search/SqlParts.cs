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

    public DbCommand Command(DbConnection connection, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Parameters.AddRange(Used(text).ToArray());
        return command;
    }
}
