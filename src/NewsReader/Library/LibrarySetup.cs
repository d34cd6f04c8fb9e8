using NewsReader.Accounts;
using NewsReader.Annotations;

namespace NewsReader.Library;

/// <summary>
/// The reader's library state: what is read, archived, a favourite, where they stopped, and
/// their tags on articles; and what administrators do to articles (a new title, delete).
/// </summary>
public static class LibrarySetup
{
    public static WebApplication MapLibrary(this WebApplication app)
    {
        var api = app.MapApi("Library");
        ReadingStateEndpoints.Map(api);     // /api/articles/{slug}/state
        ArticleTagEndpoints.Map(api);       // /api/articles/{slug}/tags
        ArticleAdminEndpoints.Map(app.MapApi("Library").RequireAuthorization(AccountsSetup.AdminPolicy));   // PATCH, DELETE /api/articles/{slug}
        return app;
    }
}
