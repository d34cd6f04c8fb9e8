using NewsReader.Articles;
using static NewsReader.Annotations.Api;

namespace NewsReader.Annotations;

public sealed record SaveArticleNote(string? Note);

public sealed record ArticleNoteView(string Note, string NoteHtml, int Version);

/// <summary>A reader's note on a whole article: read and write (with If-Match).</summary>
internal static class ArticleNoteEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/articles/{slug}/note", GetNoteAsync).ReadsOne<ArticleNoteView>("This reader's note on the whole article, with its version as the ETag (version 0: no note yet).");
        api.MapPut("/articles/{slug}/note", SaveNoteAsync).WritesIfMatch<SaveArticleNote, ArticleNoteView>("Write (or, when empty, remove) this reader's note on the whole article. With If-Match (its ETag; \"0\" for no note yet), only if nobody changed it since (else 412 with the current version); without, the last write wins.");
    }

    private static async Task<IResult> GetNoteAsync(string slug, HttpContext http, ClaimsPrincipal user, AppDb db, ArticleHeaders headers, CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return NotFound("article");
        }

        var note = await CurrentNoteAsync(db, user.UserId(), article.Id, ct);
        return WithETag(http, note, note.Version);
    }

    private static async Task<ArticleNoteView> CurrentNoteAsync(AppDb db, string userId, int articleId, CancellationToken ct) =>
        await db.ArticleNotes.AsNoTracking().Where(n => n.UserId == userId && n.ArticleId == articleId)
            .Select(n => new ArticleNoteView(n.Note, n.NoteHtml, n.Version)).FirstOrDefaultAsync(ct)
        ?? new ArticleNoteView("", "", 0);

    private static async Task<IResult> SaveNoteAsync(string slug, HttpContext http, HttpRequest request, ClaimsPrincipal user, AppDb db, ArticleHeaders headers, TimeProvider clock, CancellationToken ct)
    {
        var (article, body, error) = await ArticleAndBodyAsync<SaveArticleNote>(headers, db, slug, request, ct);
        if (article is null || body is null)
        {
            return error!;
        }

        int? expected = null;
        if (request.Headers.IfMatch.Count > 0)
        {
            var current = await CurrentNoteAsync(db, user.UserId(), article.Id, ct);
            expected = IfMatch(request, current.Version);
            if (expected != current.Version)
            {
                return Stale(http, current, current.Version);
            }
        }

        var note = body.Note ?? "";
        var saved = await ArticleNotes.SaveAsync(db, user.UserId(), article.Id, note, clock, ct, expected);
        if (saved.Problem is { } problem)
        {
            return Validation("note", problem);
        }

        if (saved.Conflict)
        {
            var current = await CurrentNoteAsync(db, user.UserId(), article.Id, ct);
            return Stale(http, current, current.Version);
        }

        return WithETag(http, new ArticleNoteView(saved.Version == 0 ? "" : note, saved.Html, saved.Version), saved.Version);
    }
}
