using System.Data.Common;

namespace NewsReader.Articles;

/// <summary>An article as the library lists it.</summary>
public sealed record LibraryItem(string Slug, string Title, List<string> Authors, DateOnly? PublishedOn, string? Source, int WordCount)
{
    public int ReadingMinutes => ReadingTime.Minutes(WordCount);
}

/// <summary>The library's order, newest first: by publication date (the import date for an article without one), or by date imported.</summary>
public enum LibrarySort
{
    Published,
    Imported,
}

public static class LibrarySorts
{
    /// <summary><c>?sort=published</c> (the default) or <c>?sort=imported</c>; null for anything else.</summary>
    public static LibrarySort? Parse(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "published" => LibrarySort.Published,
        "imported" => LibrarySort.Imported,
        _ => null,
    };

    public static string Name(LibrarySort sort) => sort == LibrarySort.Imported ? "imported" : "published";

    /// <summary>The column a sort orders by; each has an index on (it, Id).</summary>
    public static string Column(LibrarySort sort) => sort == LibrarySort.Imported ? "a.\"ImportedAt\"" : "a.\"SortDate\"";
}

/// <summary>
/// Where a library page starts: <c>?before=</c> a position (the older page after it) or
/// <c>?after=</c> one (the newer page before it); neither is the newest page. A position is
/// "key_id": the sort's key (the date, or the import time in ticks) and the article's id.
/// <see cref="Key"/> is the key as the database keeps it.
/// </summary>
public readonly record struct LibraryCursor(LibrarySort Sort, string Key, int Id, bool Newer)
{
    public static LibraryCursor? Parse(string? before, string? after, LibrarySort sort) =>
        TryParse(before, sort, out var older) ? older
        : TryParse(after, sort, out var newer) ? newer with { Newer = true }
        : null;

    public static bool TryParse(string? text, LibrarySort sort, out LibraryCursor cursor)
    {
        cursor = default;
        var parts = text?.Split('_');
        if (parts is not { Length: 2 } || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        if (sort == LibrarySort.Imported)
        {
            if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            // The stored text to the tick, as it was read (times written before they were kept to the microsecond have seven digits).
            cursor = new LibraryCursor(sort, new DateTime(ticks, DateTimeKind.Utc).ToString(SqliteFormats.DateTimeFormat, CultureInfo.InvariantCulture), id, false);
            return true;
        }

        if (!SqliteFormats.TryParseDate(parts[0], out var date))
        {
            return false;
        }

        cursor = new LibraryCursor(sort, SqliteFormats.Date(date), id, false);
        return true;
    }

    /// <summary>
    /// The key as a parameter: SQLite compares the text EF Core stores; PostgreSQL's columns are
    /// typed (<c>date</c>, <c>timestamp with time zone</c>) and take the value.
    /// </summary>
    public object KeyValue(DbCommand command) => command is not Npgsql.NpgsqlCommand
        ? Key
        : Sort == LibrarySort.Imported
            ? DateTime.SpecifyKind(DateTime.ParseExact(Key, SqliteFormats.DateTimeFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc)
            : SqliteFormats.ParseDate(Key);

    /// <summary>A key as read from either database, in the text form of <see cref="Key"/>.</summary>
    public static string KeyText(object value) => value switch
    {
        DateOnly date => SqliteFormats.Date(date),
        DateTime time => time.ToString(SqliteFormats.DateTimeFormat, CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    public override string ToString() =>
        (Sort == LibrarySort.Imported
            ? DateTime.ParseExact(Key, SqliteFormats.DateTimeFormat, CultureInfo.InvariantCulture).Ticks.ToString(CultureInfo.InvariantCulture)
            : Key)
        + "_" + Id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A page of the library, and the cursors of the older and the newer page (null where there is none).</summary>
public sealed record LibraryPage<T>(IReadOnlyList<T> Items, string? OlderCursor, string? NewerCursor);

/// <summary>
/// The library's read: every article (not the deleted), newest first by the chosen sort, a page
/// at a time before or after a cursor, by keyset on the sort's (key, Id) index so any page is as
/// fast as the first. One statement on a plain connection, in the formats EF Core writes
/// (<see cref="SqliteFormats"/>): the library is the page a fresh start serves first, and it
/// needs nothing of EF Core (Startup/README.md). <see cref="Keyset"/> and <see cref="ReadPage"/>
/// page the reader's library the same way. The SQL is what SQLite and PostgreSQL both take
/// (quoted names, <c>@</c> parameters); the values' forms differ and are read either way.
/// </summary>
public static class LibraryQuery
{
    public const int PageSize = 50;

    /// <summary>Articles the library lists: not deleted.</summary>
    public const string Listed = "a.\"DeletedAt\" IS NULL";

    /// <summary>The columns an item is read from, first in every library row; the sort's key and the Id follow them.</summary>
    public static string Columns(LibrarySort sort) =>
        $"a.\"Slug\", a.\"Title\", a.\"Authors\", a.\"PublishedOn\", a.\"Source\", a.\"WordCount\", {LibrarySorts.Column(sort)}, a.\"Id\"";

    public static LibraryPage<LibraryItem> Page(DbConnection connection, LibrarySort sort, LibraryCursor? cursor)
    {
        using var command = connection.CreateCommand();
        var (where, order) = Keyset(command, sort, cursor);
        command.CommandText = $"SELECT {Columns(sort)} FROM \"Articles\" AS a WHERE {Listed}{(where is null ? "" : " AND " + where)} ORDER BY {order} LIMIT {PageSize + 1}";
        return ReadPage(command, sort, cursor, Item);
    }

    /// <summary>
    /// The condition (null on the newest page) and order of a page at <paramref name="cursor"/>, its
    /// values added to <paramref name="command"/>: a newer page is read upwards, then turned round.
    /// </summary>
    public static (string? Where, string Order) Keyset(DbCommand command, LibrarySort sort, LibraryCursor? cursor)
    {
        var key = LibrarySorts.Column(sort);
        if (cursor is not { } at)
        {
            return (null, $"{key} DESC, a.\"Id\" DESC");
        }

        AddParameter(command, "@key", at.KeyValue(command));
        AddParameter(command, "@id", at.Id);
        return at.Newer
            ? ($"({key} > @key OR ({key} = @key AND a.\"Id\" > @id))", $"{key}, a.\"Id\"")
            : ($"({key} < @key OR ({key} = @key AND a.\"Id\" < @id))", $"{key} DESC, a.\"Id\" DESC");
    }

    /// <summary>
    /// Up to <see cref="PageSize"/> items, newest first, from rows that start with <see cref="Columns"/>
    /// (read <see cref="PageSize"/> + 1 to know whether the page has a neighbour that way).
    /// </summary>
    public static LibraryPage<T> ReadPage<T>(DbCommand command, LibrarySort sort, LibraryCursor? cursor, Func<DbDataReader, T> item)
    {
        var rows = new List<(T Item, LibraryCursor At)>(PageSize + 1);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((item(reader), new LibraryCursor(sort, LibraryCursor.KeyText(reader.GetValue(6)), reader.GetInt32(7), false)));
            }
        }
        var more = rows.Count > PageSize;
        if (more)
        {
            rows.RemoveAt(PageSize);
        }

        if (cursor is { Newer: true })
        {
            rows.Reverse();
        }

        var newer = cursor is null ? false : !cursor.Value.Newer || more;
        var older = cursor is { Newer: true } ? rows.Count > 0 : more;
        return new LibraryPage<T>(rows.Select(r => r.Item).ToList(),
            older && rows.Count > 0 ? rows[^1].At.ToString() : null,
            newer && rows.Count > 0 ? rows[0].At.ToString() : null);
    }

    /// <summary>An item from a row that starts with <see cref="Columns"/>.</summary>
    public static LibraryItem Item(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetValue(2) is string[] authors ? [.. authors] : SqliteFormats.ParseStrings(reader.GetString(2)),
        reader.IsDBNull(3) ? null : reader.GetValue(3) is DateOnly date ? date : SqliteFormats.ParseDate(reader.GetString(3)),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetInt32(5));

    public static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
