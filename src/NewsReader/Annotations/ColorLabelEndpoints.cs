using static NewsReader.Annotations.Api;

namespace NewsReader.Annotations;

public sealed record SaveColorLabel(string? Label);

/// <summary>The meanings a reader gives the highlight colours.</summary>
internal static class ColorLabelEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/colors", ListColorsAsync)
            .WithSummary("The highlight colours and the meanings this reader gave them.")
            .Produces<IReadOnlyDictionary<string, string>>();

        api.MapPut("/colors/{color}", SaveColorAsync)
            .Writes<SaveColorLabel, IReadOnlyDictionary<string, string>>("Give a colour a meaning (an empty label removes it).");
    }

    private static async Task<IResult> ListColorsAsync(ClaimsPrincipal user, AppDb db, CancellationToken ct) =>
        Results.Ok(await ColorLabels.ForUserAsync(db, user.UserId(), ct));

    private static async Task<IResult> SaveColorAsync(string color, HttpRequest request, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        if (!HighlightRules.IsColor(color))
        {
            return NotFound("colour called " + color);
        }

        var (body, error) = await ReadBodyAsync<SaveColorLabel>(request, ct);
        if (body is null)
        {
            return error!;
        }

        if (await ColorLabels.SaveAsync(db, user.UserId(), color, body.Label, ct) is { } problem)
        {
            return Validation("label", problem);
        }

        return Results.Ok(await ColorLabels.ForUserAsync(db, user.UserId(), ct));
    }
}
