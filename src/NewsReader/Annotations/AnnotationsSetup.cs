using NewsReader.Data;
using NewsReader.Web;

namespace NewsReader.Annotations;

/// <summary>
/// The JSON API the reading view's script uses. Every query is scoped to the signed-in reader;
/// another reader's highlight is "not found" before its body is even read. State changes need
/// the antiforgery token in the RequestVerificationToken header.
/// </summary>
public static class AnnotationsSetup
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddAnnotations(this IServiceCollection services)
    {
        services.AddScoped<NotesPanelLoader>();
        services.AddSingleton<HighlightWriter>();
        services.AddSingleton(provider => new VersionedCache<(string User, int Article, int Revision), NotesPanel>(
            provider.GetRequiredService<DataVersion>(), NotesPanelLoader.CacheSizeLimit));
        return services;
    }

    public static WebApplication MapAnnotations(this WebApplication app)
    {
        var api = app.MapGroup("/api")
            // A highlight with its longest quote and note is ~200 KB of JSON; anything larger is refused with 413.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .RequireAuthorization()
            .RequireRateLimiting(RateLimits.ApiWrites)
            .AddEndpointFilter(Api.ValidateAntiforgery)
            .WithTags("Highlights");
        HighlightEndpoints.Map(api);                           // /api/articles/{slug}/highlights, /api/highlights/{id}
        ArticleNoteEndpoints.Map(api);                         // /api/articles/{slug}/note
        ColorLabelEndpoints.Map(api);                          // /api/colors
        return app;
    }
}
