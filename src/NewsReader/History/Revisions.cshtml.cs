using NewsReader.Articles;

namespace NewsReader.History;

/// <summary><c>/articles/{slug}/revisions</c>: every revision of the article, oldest first, with its date.</summary>
public sealed class RevisionsModel(AppDb db, ArticleHeaders headers) : PageModel
{
    public ArticleHeader Article { get; private set; } = null!;

    public IReadOnlyList<RevisionEntry> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return NotFound();
        }

        Article = article;
        Revisions = await ArticleHistory.RevisionsAsync(db, article.Id, ct);
        return Page();
    }
}
