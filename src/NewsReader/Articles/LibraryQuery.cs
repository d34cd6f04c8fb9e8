using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsReader.Data;

namespace NewsReader.Articles;

/// <summary>An article as the library lists it.</summary>
public sealed record LibraryItem(string Slug, string Title, List<string> Authors, DateOnly? PublishedOn, string? Source, int WordCount)
{
    public int ReadingMinutes => ReadingTime.Minutes(WordCount);
}

/// <summary>A page of the library and the cursor of the next (older) one, null on the last.</summary>
public sealed record LibraryPage(IReadOnlyList<LibraryItem> Articles, string? OlderCursor);

/// <summary>
/// The library's read: every article, newest first, a page at a time after a cursor (the last
/// article of the page before), by keyset on the (SortDate, Id) index so any page is as fast as
/// the first. One statement on a plain connection, in the formats EF Core writes
/// (<see cref="SqliteFormats"/>): the library is the page a fresh start serves first, and it needs
/// nothing of EF Core (Startup/README.md).
/// </summary>
public static class LibraryQuery
{
    public const int PageSize = 50;

    public static LibraryPage Page(SqliteConnection connection, string? cursor)
    {
        var after = TryParseCursor(cursor, out var date, out var id) ? (date, id) : ((DateOnly, int)?)null;
        using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT "Slug", "Title", "Authors", "PublishedOn", "Source", "WordCount", "SortDate", "Id" FROM "Articles"
            {(after is null ? "" : "WHERE \"SortDate\" < $date OR (\"SortDate\" = $date AND \"Id\" < $id)")}
            ORDER BY "SortDate" DESC, "Id" DESC
            LIMIT {PageSize + 1}
            """;
        if (after is var (afterDate, afterId))
        {
            command.Parameters.AddWithValue("$date", SqliteFormats.Date(afterDate));
            command.Parameters.AddWithValue("$id", afterId);
        }

        var items = new List<LibraryItem>(PageSize + 1);
        var last = (Date: default(DateOnly), Id: 0);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (items.Count == PageSize)
            {
                return new LibraryPage(items, $"{SqliteFormats.Date(last.Date)}_{last.Id.ToString(CultureInfo.InvariantCulture)}");
            }

            items.Add(Item(reader));
            last = (SqliteFormats.ParseDate(reader.GetString(6)), reader.GetInt32(7));
        }

        return new LibraryPage(items, null);
    }

    /// <summary>An item from a row that starts Slug, Title, Authors, PublishedOn, Source, WordCount.</summary>
    public static LibraryItem Item(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        SqliteFormats.ParseStrings(reader.GetString(2)),
        reader.IsDBNull(3) ? null : SqliteFormats.ParseDate(reader.GetString(3)),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetInt32(5));

    /// <summary>A cursor is "date_id"; anything else is the first page.</summary>
    public static bool TryParseCursor(string? cursor, out DateOnly date, out int id)
    {
        date = default;
        id = 0;
        var parts = cursor?.Split('_');
        return parts is { Length: 2 }
            && SqliteFormats.TryParseDate(parts[0], out date)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
