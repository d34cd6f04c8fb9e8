using Microsoft.AspNetCore.OutputCaching;
using NewsReader.Accounts;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Library;

namespace NewsReader.Reading;

/// <summary>
/// The reading view: the stored article rendered on the server with the signed-in reader's
/// highlights as marks, and the notes panel beside it.
/// </summary>
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class ReadModel(AppDb db, RevisionCache revisions, NotesPanelLoader notes, ArticleHeaders headers) : PageModel
{
    public ArticleHeader Article { get; private set; } = null!;

    public ArticleBody Body { get; private set; } = null!;

    public NotesPanel? Notes { get; private set; }

    /// <summary>The signed-in reader's read / archived / favourite state and progress.</summary>
    public ReadingStateView? State { get; private set; }

    /// <summary>The signed-in reader's tags on the article.</summary>
    public IReadOnlyList<string> Tags { get; private set; } = [];

    /// <summary>Long articles let the browser skip rendering off-screen blocks.</summary>
    public bool IsLong { get; private set; }

    /// <summary>When the current revision was imported, for an article with more than one ("Updated …").</summary>
    public DateTime? UpdatedAt { get; private set; }

    /// <summary>What the latest revision did to the signed-in reader's highlights, until they dismiss it.</summary>
    public RevisionNotice? Notice { get; private set; }

    /// <summary>The lede, shortened: the page's meta description.</summary>
    public string? Description { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await FindAsync(slug, ct) is not { } article)
        {
            return NotFound();
        }

        Article = article;
        var revision = await revisions.GetAsync(article.CurrentRevisionId, ct);
        IsLong = revision.Blocks.Count > 150;
        Description = Lede.Of(revision.Blocks);
        if (article.RevisionNumber > 1)
        {
            UpdatedAt = await db.ArticleRevisions.AsNoTracking().Where(r => r.Id == article.CurrentRevisionId).Select(r => (DateTime?)r.CreatedAt).FirstOrDefaultAsync(ct);
        }

        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            Notice = await db.RevisionNotices.AsNoTracking()
                .FirstOrDefaultAsync(n => n.UserId == userId && n.ArticleId == article.Id, ct);
            Notes = await notes.LoadAsync(userId, article.Id, revision, ct);
            State = await ReadingStateView.ForAsync(db, userId, article.Id, ct);
            Tags = await ArticleTags.ForAsync(db, userId, article.Id, ct);
            Body = new ArticleBody(revision, Notes.MarkedElements(revision));
        }
        else
        {
            Body = ArticleBody.Plain(revision);
        }

        return Page();
    }

    /// <summary>Saves the article note from the plain form, for readers without JavaScript.</summary>
    public async Task<IActionResult> OnPostArticleNoteAsync(string slug, [FromForm] string? note, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        if (await FindAsync(slug, ct) is not { } article)
        {
            return NotFound();
        }

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var saved = await ArticleNotes.SaveAsync(db, userId, article.Id, note ?? "", TimeProvider.System, ct);
        if (saved.Problem is not null)
        {
            return BadRequest(saved.Problem);
        }

        return Redirect($"/articles/{article.Slug}#notes");
    }

    /// <summary>The reader has read the notice about the latest revision: it goes, until the next revision touches their highlights.</summary>
    public async Task<IActionResult> OnPostDismissNoticeAsync(string slug, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        if (await FindAsync(slug, ct) is not { } article)
        {
            return NotFound();
        }

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        await db.RevisionNotices.Where(n => n.UserId == userId && n.ArticleId == article.Id).ExecuteDeleteAsync(ct);
        return Redirect($"/articles/{article.Slug}");
    }

    /// <summary>Sets the reader's tags on the article from the plain form (comma-separated), for readers without JavaScript.</summary>
    public async Task<IActionResult> OnPostTagsAsync(string slug, [FromForm] string? tags, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        if (await FindAsync(slug, ct) is not { } article)
        {
            return NotFound();
        }

        var saved = await ArticleTags.SetAsync(db, User.FindFirstValue(ClaimTypes.NameIdentifier)!, article.Id, (tags ?? "").Split(','), ct);
        return saved.Problem is { } problem ? BadRequest(problem) : Redirect($"/articles/{article.Slug}#article-tags");
    }

    /// <summary>An administrator's new title, from the plain form.</summary>
    public async Task<IActionResult> OnPostTitleAsync(string slug, [FromForm] string? title, [FromServices] TimeProvider clock,
        [FromServices] IOutputCacheStore pages, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            // Razor Pages ignore [Authorize] on a handler: the check is here.
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }

        if (await FindAsync(slug, ct) is not { } article)
        {
            return NotFound();
        }

        if (ArticleAdmin.TitleProblem(title) is { } problem)
        {
            return BadRequest(problem);
        }

        await ArticleAdmin.RetitleAsync(db, article.Id, title!, clock, ct);
        await PublicPages.EvictAsync(pages, ct);
        return Redirect($"/articles/{article.Slug}");
    }

    /// <summary>An administrator deletes the article (after the confirmation dialog): back to the library, which says so.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string slug, [FromServices] TimeProvider clock, [FromServices] IOutputCacheStore pages,
        CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
        }

        if (await FindAsync(slug, ct) is not { } article || !await ArticleAdmin.DeleteAsync(db, article.Id, clock, ct))
        {
            return NotFound();
        }

        await PublicPages.EvictAsync(pages, ct);
        return Redirect("/?deleted=" + Uri.EscapeDataString(article.Slug));
    }

    private Task<ArticleHeader?> FindAsync(string slug, CancellationToken ct) => headers.FindAsync(db, slug, ct);
}
