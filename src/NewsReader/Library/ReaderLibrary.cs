using System.Data.Common;
using NewsReader.Articles;

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

/// <summary>A library entry as one reader sees it.</summary>
public sealed record ReaderLibraryItem(LibraryItem Article, ReaderMarks Marks);

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

    /// <summary>
    /// A page of the reader's library: <paramref name="filter"/> by state and, when given, only the
    /// articles they tagged <paramref name="tag"/> (from their tags, few, not from every article).
    /// </summary>
    public static LibraryPage<ReaderLibraryItem> Page(DbConnection connection, string userId, LibraryFilter filter, string? tag,
        LibrarySort sort, LibraryCursor? cursor)
    {
        using var command = connection.CreateCommand();
        const string States = "LEFT JOIN \"ReadingStates\" AS s ON s.\"UserId\" = @user AND s.\"ArticleId\" = a.\"Id\"";
        // SQLite's CROSS JOIN keeps the tables in the order written (the reader's few rows
        // first); PostgreSQL plans the order itself and has no CROSS JOIN … ON.
        var join = command is Npgsql.NpgsqlCommand ? "JOIN" : "CROSS JOIN";
        var from = tag is not null
            ? $"FROM \"ArticleTags\" AS t {join} \"Articles\" AS a ON a.\"Id\" = t.\"ArticleId\" {States}"
            : filter is LibraryFilter.Archived or LibraryFilter.Favorites
                ? $"FROM \"ReadingStates\" AS s {join} \"Articles\" AS a ON a.\"Id\" = s.\"ArticleId\""
                : $"FROM \"Articles\" AS a {States}";
        var state = filter switch
        {
            LibraryFilter.Archived => "s.\"UserId\" = @user AND s.\"Archived\"",
            LibraryFilter.Favorites => "s.\"UserId\" = @user AND s.\"Favorite\"",
            LibraryFilter.Unread => "NOT coalesce(s.\"Read\", FALSE) AND NOT coalesce(s.\"Archived\", FALSE)",
            _ => "NOT coalesce(s.\"Archived\", FALSE)",
        };

        var (keyset, order) = LibraryQuery.Keyset(command, sort, cursor);
        command.CommandText =
            $"""
            SELECT {LibraryQuery.Columns(sort)},
                coalesce(s."Read", FALSE), coalesce(s."Archived", FALSE), coalesce(s."Favorite", FALSE), coalesce(s."Progress", 0),
                (SELECT CAST(count(*) AS INTEGER) FROM "Highlights" AS h WHERE h."UserId" = @user AND h."ArticleId" = a."Id")
            {from}
            WHERE {LibraryQuery.Listed} AND {state}{(tag is null ? "" : " AND t.\"UserId\" = @user AND t.\"Name\" = @tag")}{(keyset is null ? "" : " AND " + keyset)}
            ORDER BY {order}
            LIMIT {LibraryQuery.PageSize + 1}
            """;
        LibraryQuery.AddParameter(command, "@user", userId);
        if (tag is not null)
        {
            LibraryQuery.AddParameter(command, "@tag", tag);
        }

        return LibraryQuery.ReadPage(command, sort, cursor, reader => new ReaderLibraryItem(LibraryQuery.Item(reader),
            new ReaderMarks(reader.GetBoolean(8), reader.GetBoolean(9), reader.GetBoolean(10), reader.GetDouble(11), reader.GetInt32(12))));
    }

    /// <summary>The reader's article tags, by name, each with how many articles carry it (deleted articles lose their tags).</summary>
    public static IReadOnlyList<TagCount> Tags(DbConnection connection, string userId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Name\", CAST(count(*) AS INTEGER) FROM \"ArticleTags\" WHERE \"UserId\" = @user GROUP BY \"Name\" ORDER BY \"Name\"";
        LibraryQuery.AddParameter(command, "@user", userId);
        var tags = new List<TagCount>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tags.Add(new TagCount(reader.GetString(0), reader.GetInt32(1)));
        }

        return tags;
    }
}

/// <summary>A tag and how many of the reader's articles carry it.</summary>
public sealed record TagCount(string Name, int Count);
