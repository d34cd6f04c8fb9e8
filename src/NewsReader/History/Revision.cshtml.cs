using NewsReader.Articles;

namespace NewsReader.History;

/// <summary><c>/articles/{slug}/revisions/{n}</c>: revision n (from 1, oldest first) read-only, under a banner naming it; a revision that does not exist is a 404.</summary>
public sealed class RevisionModel(AppDb db, ArticleHeaders headers, RevisionCache revisions) : PageModel
{
    public ArticleHeader Article { get; private set; } = null!;

    public RevisionEntry Revision { get; private set; } = null!;

    public RevisionEntry Current { get; private set; } = null!;

    public RevisionEntry? Previous { get; private set; }

    public ArticleBody Body { get; private set; } = null!;

    public bool IsCurrent => Revision.Id == Current.Id;

    public async Task<IActionResult> OnGetAsync(string slug, int n, CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return NotFound();
        }

        var all = await ArticleHistory.RevisionsAsync(db, article.Id, ct);
        if (all.FirstOrDefault(r => r.Number == n) is not { } revision)
        {
            return NotFound();
        }

        (Article, Revision, Current) = (article, revision, all[^1]);
        Previous = all.LastOrDefault(r => r.Number < n);
        Body = ArticleBody.Plain(await revisions.GetAsync(revision.Id, ct));
        return Page();
    }
}
