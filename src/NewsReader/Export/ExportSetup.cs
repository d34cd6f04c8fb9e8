using System.Security.Claims;

namespace NewsReader.Export;

public static class ExportSetup
{
    public static IServiceCollection AddExport(this IServiceCollection services)
    {
        services.AddScoped<NotesExporter>();
        services.AddScoped<AnnotationRestore>();
        return services;
    }

    public static WebApplication MapExport(this WebApplication app)
    {
        app.MapGet("/export", ExportAsync)
            .RequireAuthorization()
            .WithTags("Export")
            .WithSummary("Download this reader's highlights and notes (all, or one article's) as Markdown, W3C Web Annotation JSON-LD or CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/markdown")
            .Produces(StatusCodes.Status200OK, contentType: "application/ld+json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ExportAsync(string? format, string? article, HttpContext http, NotesExporter exporter,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (ExportFormats.Parse(format) is not { } exportFormat)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown export format",
                detail: $"Choose format={ExportFormats.Names}.");
        }

        if (article is not null && await exporter.FindArticleAsync(article, ct) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No article here.");
        }

        var request = new ExportRequest(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, exportFormat, article,
            $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
        // A reader's notes are private: never kept by a shared cache.
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(async body =>
            {
                try
                {
                    await exporter.ExportAsync(request, body, http.RequestAborted);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The headers are gone; all that is left is to cut the download short and say why in the log.
                    loggers.CreateLogger(typeof(ExportSetup)).LogError(e, "Export for {User} stopped part way", request.UserId);
                    http.Abort();
                }
            },
            ExportFormats.ContentType(exportFormat),
            ExportFormats.FileName(exportFormat, article, clock.GetUtcNow().UtcDateTime));
    }
}
