using Microsoft.EntityFrameworkCore;
using NewsReader.Articles.Import;
using NewsReader.Data;

namespace NewsReader.Articles;

public static class ArticlesSetup
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddScoped<ArticleImporter>();
        services.AddSingleton<RevisionCache>();
        services.AddSingleton<ArticleHeaders>();
        services.AddPublicPageCache();                          // the library and reading pages, kept (PublicPages)
        services.AddSingleton(new DatabaseSeed((connection, transaction, now) => SampleArticle.AddTo(connection, transaction, now)));   // a new database starts with the sample article
        return services;
    }

    public static WebApplication MapArticles(this WebApplication app)
    {
        // The article's plain text: blocks joined by a blank line. Export offsets count into exactly this.
        app.MapGet("/articles/{slug}.txt", async (string slug, AppDb db, RevisionCache revisions, CancellationToken ct) =>
            {
                var revisionId = await db.Articles.AsNoTracking().Where(a => a.Slug == slug && a.DeletedAt == null).Select(a => (int?)a.CurrentRevisionId).FirstOrDefaultAsync(ct);
                if (revisionId is null)
                {
                    return Results.NotFound();
                }

                var revision = await revisions.GetAsync(revisionId.Value, ct);
                return Results.Text(revision.Text.Text, "text/plain; charset=utf-8");
            })
            .WithTags("Articles")
            .WithSummary("The article's plain text: its blocks joined by a blank line.");
        return app;
    }
}
