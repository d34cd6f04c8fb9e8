using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using NewsReader.Data;

namespace NewsReader.Articles;

/// <summary>The library: every article, newest first, a page at a time (keyset paging stays fast at any size).</summary>
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class LibraryModel(AppDb db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Item(string Slug, string Title, List<string> Authors, DateOnly? PublishedOn, string? Source, int WordCount)
    {
        public int ReadingMinutes => ReadingTime.Minutes(WordCount);
    }

    public IReadOnlyList<Item> Articles { get; private set; } = [];

    public string? OlderCursor { get; private set; }

    public bool IsFirstPage { get; private set; }

    public async Task OnGetAsync(string? before, CancellationToken ct)
    {
        var query = db.Articles.AsNoTracking();
        IsFirstPage = !TryParseCursor(before, out var date, out var id);
        if (!IsFirstPage)
        {
            query = query.Where(a => a.SortDate < date || (a.SortDate == date && a.Id < id));
        }

        var page = await query
            .OrderByDescending(a => a.SortDate).ThenByDescending(a => a.Id)
            .Select(a => new { Item = new Item(a.Slug, a.Title, a.Authors, a.PublishedOn, a.Source, a.WordCount), a.SortDate, a.Id })
            .Take(PageSize + 1)
            .ToListAsync(ct);

        Articles = page.Take(PageSize).Select(p => p.Item).ToList();
        if (page.Count > PageSize)
        {
            var last = page[PageSize - 1];
            OlderCursor = $"{last.SortDate:yyyy-MM-dd}_{last.Id.ToString(CultureInfo.InvariantCulture)}";
        }
    }

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
