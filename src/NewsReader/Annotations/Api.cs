using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using NewsReader.Web;

namespace NewsReader.Annotations;

/// <summary>
/// What every /api endpoint shares: the reader, the antiforgery check, reading a JSON body,
/// problem details, and versions as ETags with If-Match.
/// </summary>
internal static class Api
{
    /// <summary>
    /// Endpoints under /api for the signed-in reader: bodies up to <see cref="AnnotationsSetup.MaxBodyBytes"/>
    /// (a highlight with its longest quote and note is ~200 KB of JSON; larger is 413), the
    /// per-reader write limit, and the antiforgery token on every state change.
    /// </summary>
    internal static RouteGroupBuilder MapApi(this WebApplication app, string tag) =>
        app.MapGroup("/api")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AnnotationsSetup.MaxBodyBytes))
            .RequireAuthorization()
            .RequireRateLimiting(RateLimits.ApiWrites)
            .AddEndpointFilter(ValidateAntiforgery)
            .WithTags(tag);

    internal static string UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    internal static async ValueTask<object?> ValidateAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            if (!await http.RequestServices.GetRequiredService<CheckedAntiforgery>().IsRequestValidAsync(http))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Missing or invalid antiforgery token",
                    detail: $"State changes need the token from <meta name=\"csrf-token\"> in the {WebSetup.AntiforgeryHeader} header.");
            }
        }

        return await next(context);
    }

    internal static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} here.");

    /// <summary>
    /// A write to one article: the article (else 404) and then the JSON body (else 415 or 400), or
    /// what answers instead.
    /// </summary>
    internal static async Task<(Articles.ArticleHeader? Article, T? Body, IResult? Error)> ArticleAndBodyAsync<T>(
        Articles.ArticleHeaders headers, Data.AppDb db, string slug, HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return (null, null, NotFound("article"));
        }

        var (body, error) = await ReadBodyAsync<T>(request, ct);
        return (article, body, error);
    }

    internal static async Task<(T? Body, IResult? Error)> ReadBodyAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.HasJsonContentType() is false)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send the body as application/json."));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct);
            return body is null
                ? (null, Validation("body", "The request body is empty; send a JSON object."))
                : (body, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Validation(field, $"Not valid JSON for this field: {e.Message.Split(" Path:")[0]}"));
        }
    }

    internal static IResult IdTaken() =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "A highlight with this id already exists.");

    internal static IResult Validation(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A version as an ETag: <c>"3"</c>.</summary>
    public static string ETag(int version) => "\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// The version a request's If-Match names: null without the header (last write wins), -1 for
    /// one that names no version of ours (it can never match; <c>*</c> is "any version").
    /// </summary>
    internal static int? IfMatch(HttpRequest request, int current)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }

        if (header == "*")
        {
            return current;
        }

        foreach (var tag in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var value = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"'
                && int.TryParse(value.AsSpan(1, value.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
                && version == current)
            {
                return version;
            }
        }

        return -1;
    }

    internal static IResult WithETag<T>(HttpContext http, T value, int version, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.ETag = ETag(version);
        return status == StatusCodes.Status201Created && value is HighlightView created
            ? Results.Created($"/api/highlights/{created.Id}", value)
            : Results.Json(value, statusCode: status);
    }

    /// <summary>412: someone else changed it since the client read it. The body holds what it is now, to show both.</summary>
    internal static IResult Stale(HttpContext http, object current, int version)
    {
        http.Response.Headers.ETag = ETag(version);
        return Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed elsewhere",
            detail: "This was changed (in another tab or on another device) since you opened it. The current version is in \"current\"; send your change again with its ETag to keep yours.",
            extensions: new Dictionary<string, object?> { ["current"] = current, ["version"] = version });
    }

    /// <summary>OpenAPI: reads one of this reader's things: <typeparamref name="TView"/>, or 404.</summary>
    internal static RouteHandlerBuilder ReadsOne<TView>(this RouteHandlerBuilder endpoint, string summary) =>
        endpoint.WithSummary(summary).Produces<TView>().ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>OpenAPI: writes a JSON <typeparamref name="TBody"/>: <typeparamref name="TView"/>, 400 naming the field, or 404.</summary>
    internal static RouteHandlerBuilder Writes<TBody, TView>(this RouteHandlerBuilder endpoint, string summary)
        where TBody : notnull =>
        endpoint.WithSummary(summary).Accepts<TBody>("application/json").Produces<TView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>OpenAPI: <see cref="Writes{TBody,TView}"/> with If-Match: 412 and the current version when it was changed since.</summary>
    internal static RouteHandlerBuilder WritesIfMatch<TBody, TView>(this RouteHandlerBuilder endpoint, string summary)
        where TBody : notnull =>
        endpoint.Writes<TBody, TView>(summary).ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
