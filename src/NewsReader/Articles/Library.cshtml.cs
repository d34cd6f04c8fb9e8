using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using NewsReader.Data;

namespace NewsReader.Articles;

/// <summary>The library: every article, newest first, a page at a time (<see cref="LibraryQuery"/>).</summary>
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class LibraryModel(PlainConnections connections) : PageModel
{
    public const int PageSize = LibraryQuery.PageSize;

    public IReadOnlyList<LibraryItem> Articles { get; private set; } = [];

    public string? OlderCursor { get; private set; }

    public bool IsFirstPage { get; private set; }

    public void OnGet(string? before)
    {
        IsFirstPage = !LibraryQuery.TryParseCursor(before, out _, out _);
        using var connection = connections.Open();
        (Articles, OlderCursor) = LibraryQuery.Page(connection, IsFirstPage ? null : before);
    }
}
