namespace NewsReader.Export;

public static class ExportSetup
{
    /// <summary>Exports and restore, per request; the restore slots, one for the app.</summary>
    public static IServiceCollection AddExport(this IServiceCollection services) =>
        services.AddScoped<NotesExporter>().AddScoped<AccountExport>().AddScoped<DataExport>().AddScoped<AnnotationRestore>()
            .AddSingleton<RestoreSlots>();

    public static WebApplication MapExport(this WebApplication app)
    {
        // The restore page's upload limit is a setting (NewsReader:Restore:MaxUploadBytes), so it is
        // set per request here rather than by a constant in an attribute; before the form is read.
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NewsReaderOptions>>();
        app.UseWhen(c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals("/import/annotations", StringComparison.OrdinalIgnoreCase), upload =>
            upload.Use((context, next) =>
            {
                var limit = options.Value.Restore.MaxUploadBytes;
                if (context.Request.ContentLength > limit)
                {
                    // Refused before a byte is read (browsers say how large an upload is): 413, the "Too large" page.
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return Task.CompletedTask;
                }

                if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = limit;
                }

                context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(
                    context.Request, new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = limit }));
                return next(context);
            }));

        app.MapGet("/export", ExportAsync)
            .RequireAuthorization()
            .WithTags("Export")
            .WithSummary("Download this reader's highlights and notes (all, or one article's) as Markdown, W3C Web Annotation JSON-LD or CSV; or format=zip: all their data (the three notes files and account.json) in one zip.")
            .Produces(StatusCodes.Status200OK, contentType: "text/markdown")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .Produces(StatusCodes.Status200OK, contentType: "application/ld+json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ExportAsync(string? format, string? article, HttpContext http, NotesExporter exporter,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        if (string.Equals(format?.Trim(), "zip", StringComparison.OrdinalIgnoreCase))
        {
            return article is null
                ? AllData(http, clock, loggers)
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The zip holds everything",
                    detail: "format=zip exports all your data; leave out article=, or choose md, jsonld or csv for one article's notes.");
        }

        if (ExportFormats.Parse(format) is not { } exportFormat)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown export format",
                detail: $"Choose format={ExportFormats.Names} (or zip for all your data).");
        }

        if (article is not null && await exporter.FindArticleAsync(article, ct) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No article here.");
        }

        var request = new ExportRequest(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, exportFormat, article, BaseUrl(http));
        return Streamed(http, loggers, request.UserId, body => exporter.ExportAsync(request, body, http.RequestAborted),
            ExportFormats.ContentType(exportFormat), ExportFormats.FileName(exportFormat, article, clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>The zip of everything: the three notes files of one moment and account.json.</summary>
    private static IResult AllData(HttpContext http, TimeProvider clock, ILoggerFactory loggers)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var at = NotesExporter.Now(clock);
        var export = http.RequestServices.GetRequiredService<DataExport>();
        return Streamed(http, loggers, userId, body => export.WriteAsync(userId, BaseUrl(http), at, body, http.RequestAborted),
            "application/zip", DataExport.FileName(at));
    }

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static IResult Streamed(HttpContext http, ILoggerFactory loggers, string userId, Func<Stream, Task> write, string contentType, string fileName)
    {
        // A reader's notes are private: never kept by a shared cache.
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(async body =>
            {
                try
                {
                    await write(body);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The headers are gone; all that is left is to cut the download short and say why in the log.
                    loggers.CreateLogger(typeof(ExportSetup)).LogError(e, "Export for {User} stopped part way", userId);
                    http.Abort();
                }
            },
            contentType,
            fileName);
    }
}
