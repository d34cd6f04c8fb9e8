using System.Text.Json.Serialization;
using NewsReader.Annotations;
using NewsReader.Articles;
using static NewsReader.Annotations.Api;

namespace NewsReader.Library;

/// <summary>A reader's state of an article; <see cref="Updated"/> is null until they first changed it.</summary>
public sealed record ReadingStateView(bool Read, bool Archived, bool Favorite, double Progress, DateTime? Updated)
{
    public static readonly ReadingStateView Unread = new(false, false, false, 0, null);

    public static ReadingStateView Of(ReadingState state) =>
        new(state.Read, state.Archived, state.Favorite, state.Progress, state.UpdatedAt);

    /// <summary>One reader's state of one article (<see cref="Unread"/> until they changed it).</summary>
    public static async Task<ReadingStateView> ForAsync(AppDb db, string userId, int articleId, CancellationToken ct) =>
        await db.ReadingStates.AsNoTracking().Where(s => s.UserId == userId && s.ArticleId == articleId)
            .Select(s => new ReadingStateView(s.Read, s.Archived, s.Favorite, s.Progress, s.UpdatedAt)).FirstOrDefaultAsync(ct)
        ?? Unread;
}

/// <summary>Any of the state's fields; those left out (or null) stay as they are. Other fields are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChangeReadingState(bool? Read, bool? Archived, bool? Favorite, double? Progress);

/// <summary><c>/api/articles/{slug}/state</c>: read, archived, favourite and progress, per reader.</summary>
internal static class ReadingStateEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/articles/{slug}/state", GetAsync)
            .ReadsOne<ReadingStateView>("This reader's state of the article: read, archived, favourite, and progress (0 the top, 1 the end).");

        api.MapMethods("/articles/{slug}/state", [HttpMethods.Patch], PatchAsync)
            .Writes<ChangeReadingState, ReadingStateView>("Change any of read, archived, favourite and progress (0 to 1); the fields left out stay as they are.");
    }

    private static async Task<IResult> GetAsync(string slug, ClaimsPrincipal user, AppDb db, ArticleHeaders headers, CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return NotFound("article");
        }

        return Results.Ok(await ReadingStateView.ForAsync(db, user.UserId(), article.Id, ct));
    }

    private static async Task<IResult> PatchAsync(string slug, HttpRequest request, ClaimsPrincipal user, AppDb db, ArticleHeaders headers,
        TimeProvider clock, CancellationToken ct)
    {
        var (article, body, error) = await ArticleAndBodyAsync<ChangeReadingState>(headers, db, slug, request, ct);
        if (article is null || body is null)
        {
            return error!;
        }

        if (body.Progress is { } progress && progress is not (>= 0 and <= 1))
        {
            return Validation("progress", $"progress is how far down the article the reader is: a number from 0 (the top) to 1 (the end), not {progress}.");
        }

        var userId = user.UserId();
        for (var attempt = 1; ; attempt++)
        {
            var state = await Mine(db, userId, article.Id).FirstOrDefaultAsync(ct);
            if (body is { Read: null, Archived: null, Favorite: null, Progress: null })
            {
                return Results.Ok(state is null ? ReadingStateView.Unread : ReadingStateView.Of(state));
            }

            if (state is null)
            {
                state = new ReadingState { UserId = userId, ArticleId = article.Id };
                db.ReadingStates.Add(state);
            }

            state.Read = body.Read ?? state.Read;
            state.Archived = body.Archived ?? state.Archived;
            state.Favorite = body.Favorite ?? state.Favorite;
            state.Progress = body.Progress ?? state.Progress;
            state.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(ct);
                return Results.Ok(ReadingStateView.Of(state));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The reader's first change of this article came from two tabs at once: apply this one to the row now there.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static IQueryable<ReadingState> Mine(AppDb db, string userId, int articleId) =>
        db.ReadingStates.Where(s => s.UserId == userId && s.ArticleId == articleId);
}
