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
        var api = app.MapApi("Highlights");
        HighlightEndpoints.Map(api);                           // /api/articles/{slug}/highlights, /api/highlights/{id}
        ArticleNoteEndpoints.Map(api);                         // /api/articles/{slug}/note
        ColorLabelEndpoints.Map(api);                          // /api/colors
        return app;
    }
}
