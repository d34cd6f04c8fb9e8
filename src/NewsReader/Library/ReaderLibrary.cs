using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsReader.Articles;
using NewsReader.Data;

namespace NewsReader.Library;

/// <summary>What the signed-in library lists: everything but the archived (the default), or one state.</summary>
public enum LibraryFilter
{
    All,
    Unread,
    Archived,
    Favorites,
}

/// <summary>A reader's marks on a library entry: their state of the article and how many highlights they made in it.</summary>
public sealed record ReaderMarks(bool Read, bool Archived, bool Favorite, double Progress, int Highlights);

/// <summary>A page of a reader's library: the articles, the reader's marks on each (in the same order), the next page's cursor.</summary>
public sealed record ReaderLibraryPage(IReadOnlyList<LibraryItem> Articles, IReadOnlyList<ReaderMarks> Marks, string? OlderCursor);

/// <summary>
/// The library as one reader sees it: filtered by their reading state, each article with their
/// state and their highlight count. Newest first, by keyset after a cursor as
/// <see cref="LibraryQuery"/> pages (same cursor). The whole library, and unread, walk the
/// articles' (SortDate, Id) index and look up the reader's state of each; archived and favourites
/// start from the reader's own states (few) instead.
/// </summary>
public static class ReaderLibrary
{
    public static LibraryFilter? ParseFilter(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "all" => LibraryFilter.All,
        "unread" => LibraryFilter.Unread,
        "archived" => LibraryFilter.Archived,
        "favorites" or "favourites" => LibraryFilter.Favorites,
        _ => null,
    };

    public static ReaderLibraryPage Page(SqliteConnection connection, string userId, LibraryFilter filter, string? cursor)
    {
        var after = LibraryQuery.TryParseCursor(cursor, out var date, out var id) ? (date, id) : ((DateOnly, int)?)null;
        var from = filter is LibraryFilter.Archived or LibraryFilter.Favorites
            ? "FROM \"ReadingStates\" AS s CROSS JOIN \"Articles\" AS a ON a.\"Id\" = s.\"ArticleId\""
            : "FROM \"Articles\" AS a LEFT JOIN \"ReadingStates\" AS s ON s.\"UserId\" = $user AND s.\"ArticleId\" = a.\"Id\"";
        var where = new List<string>();
        where.Add(filter switch
        {
            LibraryFilter.Archived => "s.\"UserId\" = $user AND s.\"Archived\" = 1",
            LibraryFilter.Favorites => "s.\"UserId\" = $user AND s.\"Favorite\" = 1",
            LibraryFilter.Unread => "coalesce(s.\"Read\", 0) = 0 AND coalesce(s.\"Archived\", 0) = 0",
            _ => "coalesce(s.\"Archived\", 0) = 0",
        });
        if (after is not null)
        {
            where.Add("(a.\"SortDate\" < $date OR (a.\"SortDate\" = $date AND a.\"Id\" < $id))");
        }

        using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT a."Slug", a."Title", a."Authors", a."PublishedOn", a."Source", a."WordCount", a."SortDate", a."Id",
                coalesce(s."Read", 0), coalesce(s."Archived", 0), coalesce(s."Favorite", 0), coalesce(s."Progress", 0),
                (SELECT count(*) FROM "Highlights" AS h WHERE h."UserId" = $user AND h."ArticleId" = a."Id")
            {from}
            WHERE {string.Join(" AND ", where)}
            ORDER BY a."SortDate" DESC, a."Id" DESC
            LIMIT {LibraryQuery.PageSize + 1}
            """;
        command.Parameters.AddWithValue("$user", userId);
        if (after is var (afterDate, afterId))
        {
            command.Parameters.AddWithValue("$date", SqliteFormats.Date(afterDate));
            command.Parameters.AddWithValue("$id", afterId);
        }

        var items = new List<LibraryItem>(LibraryQuery.PageSize);
        var marks = new List<ReaderMarks>(LibraryQuery.PageSize);
        var last = (Date: default(DateOnly), Id: 0);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (items.Count == LibraryQuery.PageSize)
            {
                return new ReaderLibraryPage(items, marks, $"{SqliteFormats.Date(last.Date)}_{last.Id.ToString(CultureInfo.InvariantCulture)}");
            }

            items.Add(LibraryQuery.Item(reader));
            marks.Add(new ReaderMarks(reader.GetBoolean(8), reader.GetBoolean(9), reader.GetBoolean(10), reader.GetDouble(11), reader.GetInt32(12)));
            last = (SqliteFormats.ParseDate(reader.GetString(6)), reader.GetInt32(7));
        }

        return new ReaderLibraryPage(items, marks, null);
    }
}
