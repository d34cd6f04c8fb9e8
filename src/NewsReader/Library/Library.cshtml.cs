using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using NewsReader.Articles;
using NewsReader.Data;

namespace NewsReader.Library;

/// <summary>
/// The library: every article, newest first, a page at a time (<see cref="LibraryQuery"/>). A
/// signed-in reader's library leaves out what they archived, filters by their reading state
/// (<c>?filter=unread|archived|favorites</c>) and marks each article with their state, progress
/// and highlight count (<see cref="ReaderLibrary"/>).
/// </summary>
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class LibraryModel(PlainConnections connections) : PageModel
{
    public const int PageSize = LibraryQuery.PageSize;

    public IReadOnlyList<LibraryItem> Articles { get; private set; } = [];

    /// <summary>The signed-in reader's marks, one per article in <see cref="Articles"/>; null for a visitor.</summary>
    public IReadOnlyList<ReaderMarks>? Marks { get; private set; }

    public LibraryFilter Filter { get; private set; }

    public string? OlderCursor { get; private set; }

    public string? NewerCursor { get; private set; }

    public bool IsFirstPage { get; private set; }

    /// <summary>What is wrong with the address (an unknown filter): shown above the whole library, with a 400.</summary>
    public string? Problem { get; private set; }

    public void OnGet(string? before, string? after, string? filter)
    {
        if (ReaderLibrary.ParseFilter(filter) is { } chosen)
        {
            Filter = chosen;
        }
        else
        {
            Problem = $"“{filter}” is not a way to filter the library; choose unread, archived or favorites.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        var cursor = LibraryCursor.Parse(before, after);
        IsFirstPage = cursor is null;
        using var connection = connections.Open();
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            var page = ReaderLibrary.Page(connection, userId, Filter, cursor);
            (Articles, Marks) = (page.Items.Select(i => i.Article).ToList(), page.Items.Select(i => i.Marks).ToList());
            (OlderCursor, NewerCursor) = (page.OlderCursor, page.NewerCursor);
        }
        else
        {
            var page = LibraryQuery.Page(connection, cursor);
            (Articles, OlderCursor, NewerCursor) = (page.Items, page.OlderCursor, page.NewerCursor);
        }
    }

    /// <summary>This page's URL with another filter, or a page before or after a position (the filter kept across pages).</summary>
    public string Link(LibraryFilter filter, string? before = null, string? after = null)
    {
        var query = new List<string>();
        if (filter != LibraryFilter.All)
        {
            query.Add("filter=" + filter.ToString().ToLowerInvariant());
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
