using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OutputCaching;
using NewsReader.Articles;
using static NewsReader.Annotations.Api;

namespace NewsReader.Library;

/// <summary>An article's new title; other fields are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChangeArticle(string? Title);

/// <summary>The article as an administrator changed it.</summary>
public sealed record ArticleView(string Slug, string Title);

/// <summary>
/// <c>PATCH</c> and <c>DELETE /api/articles/{slug}</c>, for administrators (readers get 403): a
/// new title (the slug stays), or the article gone with its revisions (<see cref="ArticleAdmin.DeleteAsync"/>).
/// </summary>
internal static class ArticleAdminEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapMethods("/articles/{slug}", [HttpMethods.Patch], PatchAsync)
            .Writes<ChangeArticle, ArticleView>("Administrators: give the article another title (its slug stays).")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapDelete("/articles/{slug}", DeleteAsync)
            .WithSummary("Administrators: delete the article and its revisions. Readers keep their highlights on it, detached, and their notes.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> PatchAsync(string slug, HttpRequest request, AppDb db, ArticleHeaders headers, TimeProvider clock,
        IOutputCacheStore pages, CancellationToken ct)
    {
        var (article, body, error) = await ArticleAndBodyAsync<ChangeArticle>(headers, db, slug, request, ct);
        if (article is null || body is null)
        {
            return error!;
        }

        if (body.Title is null)
        {
            return Results.Ok(new ArticleView(article.Slug, article.Title));
        }

        if (ArticleAdmin.TitleProblem(body.Title) is { } problem)
        {
            return Validation("title", problem);
        }

        if (await ArticleAdmin.RetitleAsync(db, article.Id, body.Title, clock, ct) == 0)
        {
            return NotFound("article");
        }

        await PublicPages.EvictAsync(pages, ct);
        return Results.Ok(new ArticleView(article.Slug, body.Title.Trim()));
    }

    private static async Task<IResult> DeleteAsync(string slug, AppDb db, ArticleHeaders headers, TimeProvider clock, IOutputCacheStore pages,
        CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article || !await ArticleAdmin.DeleteAsync(db, article.Id, clock, ct))
        {
            return NotFound("article");
        }

        await PublicPages.EvictAsync(pages, ct);
        return Results.NoContent();
    }
}
