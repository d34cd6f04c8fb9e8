using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Data.Sqlite;
using NewsReader.Data;

namespace NewsReader.Articles;

/// <summary>The library: every article, newest first, a page at a time (keyset paging stays fast at any size).</summary>
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class LibraryModel(PlainConnections connections) : PageModel
{
    public const int PageSize = 50;

    public sealed record Item(string Slug, string Title, List<string> Authors, DateOnly? PublishedOn, string? Source, int WordCount)
    {
        public int ReadingMinutes => ReadingTime.Minutes(WordCount);
    }

    public IReadOnlyList<Item> Articles { get; private set; } = [];

    public string? OlderCursor { get; private set; }

    public bool IsFirstPage { get; private set; }

    public void OnGet(string? before)
    {
        IsFirstPage = !TryParseCursor(before, out var date, out var id);
        using var connection = connections.Open();
        (Articles, OlderCursor) = ReadPage(connection, IsFirstPage ? null : (date, id));
    }

    /// <summary>
    /// A page of articles, newest first, after the cursor (the last article of the page before),
    /// and the cursor of the next older page (null on the last): one statement on the
    /// (SortDate, Id) index. Read on a plain connection, in the formats EF Core writes
    /// (NewArticleRows writes them too): the library is the page a fresh start serves first, and
    /// it needs nothing of EF Core (Data/README.md).
    /// </summary>
    private static (IReadOnlyList<Item> Articles, string? OlderCursor) ReadPage(SqliteConnection connection, (DateOnly Date, int Id)? after)
    {
        using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT "Slug", "Title", "Authors", "PublishedOn", "Source", "WordCount", "SortDate", "Id" FROM "Articles"
            {(after is null ? "" : "WHERE \"SortDate\" < $date OR (\"SortDate\" = $date AND \"Id\" < $id)")}
            ORDER BY "SortDate" DESC, "Id" DESC
            LIMIT {PageSize + 1}
            """;
        if (after is var (date, id))
        {
            command.Parameters.AddWithValue("$date", date.ToString(DateFormat, CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$id", id);
        }

        var items = new List<Item>(PageSize + 1);
        var last = (Date: default(DateOnly), Id: 0);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (items.Count == PageSize)
            {
                return (items, $"{last.Date.ToString(DateFormat, CultureInfo.InvariantCulture)}_{last.Id.ToString(CultureInfo.InvariantCulture)}");
            }

            items.Add(new Item(
                reader.GetString(0),
                reader.GetString(1),
                JsonSerializer.Deserialize(reader.GetString(2), AuthorsJson.Default.ListString) ?? [],
                reader.IsDBNull(3) ? null : ParseDate(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5)));
            last = (ParseDate(reader.GetString(6)), reader.GetInt32(7));
        }

        return (items, null);
    }

    private const string DateFormat = "yyyy-MM-dd";

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    private static bool TryParseCursor(string? cursor, out DateOnly date, out int id)
    {
        date = default;
        id = 0;
        var parts = cursor?.Split('_');
        return parts is { Length: 2 }
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
