using System.Text.Json.Serialization;
using NewsReader.Articles;
using static NewsReader.Annotations.Api;

namespace NewsReader.Library;

/// <summary>The reader's tags on an article, sorted.</summary>
public sealed record ArticleTagsView(IReadOnlyList<string> Tags);

/// <summary>The whole new list of tags; other fields are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SetArticleTags(List<string>? Tags);

/// <summary><c>/api/articles/{slug}/tags</c>: a reader's own tags on an article.</summary>
internal static class ArticleTagEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/articles/{slug}/tags", GetAsync).ReadsOne<ArticleTagsView>("This reader's tags on the article.");
        api.MapPut("/articles/{slug}/tags", PutAsync).Writes<SetArticleTags, ArticleTagsView>("Replace this reader's tags on the article: lower-cased, de-duplicated, at most 20 of at most 40 characters.");
    }

    private static async Task<IResult> GetAsync(string slug, ClaimsPrincipal user, AppDb db, ArticleHeaders headers, CancellationToken ct) =>
        await headers.FindAsync(db, slug, ct) is { } article
            ? Results.Ok(new ArticleTagsView(await ArticleTags.ForAsync(db, user.UserId(), article.Id, ct)))
            : NotFound("article");

    private static async Task<IResult> PutAsync(string slug, HttpRequest request, ClaimsPrincipal user, AppDb db, ArticleHeaders headers, CancellationToken ct)
    {
        var (article, body, error) = await ArticleAndBodyAsync<SetArticleTags>(headers, db, slug, request, ct);
        if (article is null || body is null)
        {
            return error!;
        }

        if (body.Tags is null || body.Tags.Contains(null!))
        {
            return Validation("tags", "Send the whole list of tags: { \"tags\": [\"…\"] } ([] removes them all).");
        }

        var saved = await ArticleTags.SetAsync(db, user.UserId(), article.Id, body.Tags, ct);
        return saved.Problem is { } problem ? Validation("tags", problem) : Results.Ok(new ArticleTagsView(saved.Tags));
    }
}
