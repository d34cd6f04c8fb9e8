using NewsReader.Articles;

namespace NewsReader.Anchoring;

public static class AnchoringSetup
{
    /// <summary>Readers' highlights follow an article to its new revision (the importer's <see cref="IRevisionListener"/>).</summary>
    public static IServiceCollection AddAnchoring(this IServiceCollection services) =>
        services.AddScoped<IRevisionListener, HighlightReanchoring>();
}
