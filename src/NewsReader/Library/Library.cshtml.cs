using Microsoft.AspNetCore.OutputCaching;
using NewsReader.Articles;

namespace NewsReader.Library;

/// <summary>
/// The library: every article, newest first, a page at a time (<see cref="LibraryQuery"/>). A
/// signed-in reader's library leaves out what they archived, filters by their reading state
/// (<c>?filter=unread|archived|favorites</c>) and marks each article with their state, progress
/// and highlight count, and filters by their article tags (<c>?tag=</c>) (<see cref="ReaderLibrary"/>).
/// Either sorts by publication date (the default) or by date imported (<c>?sort=imported</c>).
/// </summary>
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class LibraryModel(PlainConnections connections) : PageModel
{
    public const int PageSize = LibraryQuery.PageSize;

    public IReadOnlyList<LibraryItem> Articles { get; private set; } = [];

    /// <summary>The signed-in reader's marks, one per article in <see cref="Articles"/>; null for a visitor.</summary>
    public IReadOnlyList<ReaderMarks>? Marks { get; private set; }

    public LibraryFilter Filter { get; private set; }

    public LibrarySort Sort { get; private set; }

    /// <summary>Only the reader's articles with this tag (<c>?tag=</c>), or null for all.</summary>
    public string? Tag { get; private set; }

    /// <summary>The signed-in reader's article tags with their counts.</summary>
    public IReadOnlyList<TagCount> Tags { get; private set; } = [];

    public string? OlderCursor { get; private set; }

    public string? NewerCursor { get; private set; }

    public bool IsFirstPage { get; private set; }

    /// <summary>What is wrong with the address (an unknown filter): shown above the whole library, with a 400.</summary>
    public string? Problem { get; private set; }

    /// <summary>Set after an administrator deleted an article (<c>?deleted=</c>): the library says so.</summary>
    public bool Deleted { get; private set; }

    /// <summary>Set after a reader deleted their account (<c>?account=deleted</c>): the library says so.</summary>
    public bool AccountDeleted { get; private set; }

    public void OnGet(string? before, string? after, string? filter, string? sort, string? tag, string? deleted, string? account)
    {
        Deleted = deleted is not null;
        AccountDeleted = account == "deleted";
        var problems = new List<string>();
        if (ReaderLibrary.ParseFilter(filter) is { } chosen)
        {
            Filter = chosen;
        }
        else
        {
            problems.Add($"“{filter}” is not a way to filter the library; choose unread, archived or favorites.");
        }

        if (LibrarySorts.Parse(sort) is { } order)
        {
            Sort = order;
        }
        else
        {
            problems.Add($"“{sort}” is not a way to sort the library; choose published or imported.");
        }

        Tag = Annotations.HighlightRules.NormalizeTags([tag ?? ""]).FirstOrDefault();
        if (problems.Count > 0)
        {
            Problem = string.Join(" ", problems);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        var cursor = LibraryCursor.Parse(before, after, Sort);
        IsFirstPage = cursor is null;
        using var connection = connections.Open();
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            var page = ReaderLibrary.Page(connection, userId, Filter, Tag, Sort, cursor);
            (Articles, Marks) = (page.Items.Select(i => i.Article).ToList(), page.Items.Select(i => i.Marks).ToList());
            (OlderCursor, NewerCursor) = (page.OlderCursor, page.NewerCursor);
            Tags = ReaderLibrary.Tags(connection, userId);
        }
        else
        {
            // A visitor has no tags: a tag filter finds nothing.
            var page = Tag is null ? LibraryQuery.Page(connection, Sort, cursor) : new LibraryPage<LibraryItem>([], null, null);
            (Articles, OlderCursor, NewerCursor) = (page.Items, page.OlderCursor, page.NewerCursor);
        }
    }

    /// <summary>
    /// This page's URL with another filter, sort or tag, or a page before or after a position
    /// (filter, sort and tag kept across pages). <paramref name="tag"/>: null keeps the current
    /// one, "" drops it.
    /// </summary>
    public string Link(LibraryFilter filter, string? before = null, string? after = null, LibrarySort? sort = null, string? tag = null)
    {
        var query = new List<string>();
        if (filter != LibraryFilter.All)
        {
            query.Add("filter=" + filter.ToString().ToLowerInvariant());
        }

        if ((sort ?? Sort) is LibrarySort.Imported)
        {
            query.Add("sort=" + LibrarySorts.Name(LibrarySort.Imported));
        }

        if ((tag ?? Tag) is { Length: > 0 } tagged)
        {
            query.Add("tag=" + Uri.EscapeDataString(tagged));
        }

        if (before is not null)
        {
            query.Add("before=" + Uri.EscapeDataString(before));
        }

        if (after is not null)
        {
            query.Add("after=" + Uri.EscapeDataString(after));
        }

        return query.Count == 0 ? "/" : "/?" + string.Join('&', query);
    }

    public static string FilterName(LibraryFilter filter) => filter switch
    {
        LibraryFilter.Unread => "Unread",
        LibraryFilter.Archived => "Archived",
        LibraryFilter.Favorites => "Favourites",
        _ => "All",
    };
}
