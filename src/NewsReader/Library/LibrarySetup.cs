using NewsReader.Annotations;

namespace NewsReader.Library;

/// <summary>The reader's library state: what is read, archived, a favourite, and where they stopped.</summary>
public static class LibrarySetup
{
    public static WebApplication MapLibrary(this WebApplication app)
    {
        ReadingStateEndpoints.Map(app.MapApi("Library"));     // /api/articles/{slug}/state
        return app;
    }
}
