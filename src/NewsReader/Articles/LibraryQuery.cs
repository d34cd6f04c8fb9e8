using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsReader.Data;

namespace NewsReader.Articles;

/// <summary>An article as the library lists it.</summary>
public sealed record LibraryItem(string Slug, string Title, List<string> Authors, DateOnly? PublishedOn, string? Source, int WordCount)
{
    public int ReadingMinutes => ReadingTime.Minutes(WordCount);
}

/// <summary>
/// Where a library page starts: <c>?before=</c> a position (the older page after it) or
/// <c>?after=</c> one (the newer page before it); neither is the newest page. A position is
/// "date_id", the (SortDate, Id) of an article.
/// </summary>
public readonly record struct LibraryCursor(DateOnly Date, int Id, bool Newer)
{
    public static LibraryCursor? Parse(string? before, string? after) =>
        TryParse(before, out var older) ? older with { Newer = false }
        : TryParse(after, out var newer) ? newer with { Newer = true }
        : null;

    public static bool TryParse(string? text, out LibraryCursor cursor)
    {
        cursor = default;
        var parts = text?.Split('_');
        if (parts is { Length: 2 }
            && SqliteFormats.TryParseDate(parts[0], out var date)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            cursor = new LibraryCursor(date, id, false);
            return true;
        }

        return false;
    }

    public override string ToString() => $"{SqliteFormats.Date(Date)}_{Id.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A page of the library, and the cursors of the older and the newer page (null where there is none).</summary>
public sealed record LibraryPage<T>(IReadOnlyList<T> Items, string? OlderCursor, string? NewerCursor);

/// <summary>
/// The library's read: every article, newest first, a page at a time before or after a cursor,
/// by keyset on the (SortDate, Id) index so any page is as fast as the first. One statement on a
/// plain connection, in the formats EF Core writes (<see cref="SqliteFormats"/>): the library is
/// the page a fresh start serves first, and it needs nothing of EF Core (Startup/README.md).
/// <see cref="Keyset"/> and <see cref="ReadPage"/> page the reader's library the same way.
/// </summary>
public static class LibraryQuery
{
    public const int PageSize = 50;

    /// <summary>The columns an item is read from, first in every library row; SortDate and Id follow them.</summary>
    public const string Columns = "a.\"Slug\", a.\"Title\", a.\"Authors\", a.\"PublishedOn\", a.\"Source\", a.\"WordCount\", a.\"SortDate\", a.\"Id\"";

    public static LibraryPage<LibraryItem> Page(SqliteConnection connection, LibraryCursor? cursor)
    {
        using var command = connection.CreateCommand();
        var (where, order) = Keyset(command, cursor);
        command.CommandText = $"SELECT {Columns} FROM \"Articles\" AS a {(where is null ? "" : "WHERE " + where)} ORDER BY {order} LIMIT {PageSize + 1}";
        return ReadPage(command, cursor, Item);
    }

    /// <summary>
    /// The condition (null on the newest page) and order of a page at <paramref name="cursor"/>, its
    /// values added to <paramref name="command"/>: a newer page is read upwards, then turned round.
    /// </summary>
    public static (string? Where, string Order) Keyset(SqliteCommand command, LibraryCursor? cursor)
    {
        if (cursor is not { } at)
        {
            return (null, "a.\"SortDate\" DESC, a.\"Id\" DESC");
        }

        command.Parameters.AddWithValue("$date", SqliteFormats.Date(at.Date));
        command.Parameters.AddWithValue("$id", at.Id);
        return at.Newer
            ? ("(a.\"SortDate\" > $date OR (a.\"SortDate\" = $date AND a.\"Id\" > $id))", "a.\"SortDate\", a.\"Id\"")
            : ("(a.\"SortDate\" < $date OR (a.\"SortDate\" = $date AND a.\"Id\" < $id))", "a.\"SortDate\" DESC, a.\"Id\" DESC");
    }

    /// <summary>
    /// Up to <see cref="PageSize"/> items, newest first, from rows that start with <see cref="Columns"/>
    /// (read <see cref="PageSize"/> + 1 to know whether the page has a neighbour that way).
    /// </summary>
    public static LibraryPage<T> ReadPage<T>(SqliteCommand command, LibraryCursor? cursor, Func<SqliteDataReader, T> item)
    {
        var rows = new List<(T Item, LibraryCursor At)>(PageSize + 1);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((item(reader), new LibraryCursor(SqliteFormats.ParseDate(reader.GetString(6)), reader.GetInt32(7), false)));
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
    public static LibraryItem Item(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        SqliteFormats.ParseStrings(reader.GetString(2)),
        reader.IsDBNull(3) ? null : SqliteFormats.ParseDate(reader.GetString(3)),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetInt32(5));
}
