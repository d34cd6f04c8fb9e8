using NewsReader.Articles.Import;

namespace NewsReader.Articles;

public static class ArticlesSetup
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddScoped<ArticleImporter>();
        services.AddSingleton<RevisionCache>();
        services.AddSingleton<ArticleHeaders>();
        services.AddPublicPageCache();                          // the library and reading pages, kept (PublicPages)
        services.AddSingleton(new DatabaseSeed(SampleArticle.AddTo, SampleArticle.AddToAsync));   // a new database starts with the sample article
        return services;
    }

    public static WebApplication MapArticles(this WebApplication app)
    {
        // The article's plain text: blocks joined by a blank line. Export offsets count into exactly this.
        // ?revision=N serves an older revision's (History/ links it from each revision's page).
        app.MapGet("/articles/{slug}.txt", async (string slug, string? revision, AppDb db, RevisionCache revisions, CancellationToken ct) =>
            {
                int? number = null;
                if (revision is not null)
                {
                    if (!ArticleRevision.TryParseNumber(revision, out var n))
                    {
                        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"“revision” {ArticleRevision.NumberProblem}.");
                    }

                    number = n;
                }

                var article = db.Articles.AsNoTracking().Where(a => a.Slug == slug && a.DeletedAt == null);
                var revisionId = number is { } wanted
                    ? await db.ArticleRevisions.AsNoTracking().Where(r => r.Number == wanted && article.Any(a => a.Id == r.ArticleId)).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct)
                    : await article.Select(a => (int?)a.CurrentRevisionId).FirstOrDefaultAsync(ct);
                if (revisionId is null)
                {
                    return Results.NotFound();
                }

                var text = await revisions.GetAsync(revisionId.Value, ct);
                return Results.Text(text.Text.Text, "text/plain; charset=utf-8");
            })
            .WithTags("Articles")
            .WithSummary("The article's plain text (its blocks joined by a blank line); ?revision=N for an older revision's.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
