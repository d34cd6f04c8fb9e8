using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsReader.Articles;
using NewsReader.Data;
using NewsReader.Web;

namespace NewsReader.Annotations;

public sealed record CreateHighlight(Position? Start, Position? End, string? Exact, string? Color, string? Note,
    IReadOnlyList<string>? Tags, Guid? Id, DateTime? CreatedAt);

public sealed record UpdateHighlight(string? Color, string? Note, IReadOnlyList<string>? Tags);

public sealed record ReattachHighlight(Position? Start, Position? End, string? Exact);

public sealed record SaveArticleNote(string? Note);

public sealed record ArticleNoteView(string Note, string NoteHtml, int Version);

public sealed record SaveColorLabel(string? Label);

/// <summary>
/// The JSON API the reading view's script uses. Every query is scoped to the signed-in reader;
/// another reader's highlight is "not found" before its body is even read. State changes need
/// the antiforgery token in the RequestVerificationToken header.
/// </summary>
public static class HighlightsApi
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
            .AddEndpointFilter(ValidateAntiforgery)
            .WithTags("Highlights");

        api.MapGet("/articles/{slug}/highlights", ListAsync)
            .WithSummary("This reader's highlights of an article, in reading order (orphans last).")
            .Produces<IReadOnlyList<HighlightView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/articles/{slug}/highlights", CreateAsync)
            .WithSummary("Highlight a range of the article's current revision.")
            .Accepts<CreateHighlight>("application/json")
            .Produces<HighlightView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/highlights/{id:guid}", GetAsync)
            .WithSummary("One of this reader's highlights, with its version as the ETag.")
            .Produces<HighlightView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPatch("/highlights/{id:guid}", UpdateAsync)
            .WithSummary("Change a highlight's colour, note or tags. With If-Match (its ETag), only if nobody changed it since (else 412 with the current version); without, the last write wins.")
            .Accepts<UpdateHighlight>("application/json")
            .Produces<HighlightView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        api.MapDelete("/highlights/{id:guid}", DeleteAsync)
            .WithSummary("Delete a highlight (the page offers Undo by creating it again with the same id).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/highlights/{id:guid}/reattach", ReattachAsync)
            .WithSummary("Give an orphaned (or any) highlight a new place in the article's current text.")
            .Accepts<ReattachHighlight>("application/json")
            .Produces<HighlightView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/articles/{slug}/note", GetNoteAsync)
            .WithSummary("This reader's note on the whole article, with its version as the ETag (version 0: no note yet).")
            .Produces<ArticleNoteView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/articles/{slug}/note", SaveNoteAsync)
            .WithSummary("Write (or, when empty, remove) this reader's note on the whole article. With If-Match (its ETag; \"0\" for no note yet), only if nobody changed it since (else 412 with the current version); without, the last write wins.")
            .Accepts<SaveArticleNote>("application/json")
            .Produces<ArticleNoteView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        api.MapGet("/colors", ListColorsAsync)
            .WithSummary("The highlight colours and the meanings this reader gave them.")
            .Produces<IReadOnlyDictionary<string, string>>();

        api.MapPut("/colors/{color}", SaveColorAsync)
            .WithSummary("Give a colour a meaning (an empty label removes it).")
            .Accepts<SaveColorLabel>("application/json")
            .Produces<IReadOnlyDictionary<string, string>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static string UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static async ValueTask<object?> ValidateAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Missing or invalid antiforgery token",
                    detail: $"State changes need the token from <meta name=\"csrf-token\"> in the {WebSetup.AntiforgeryHeader} header.");
            }
        }

        return await next(context);
    }

    private static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} here.");

    private static async Task<(T? Body, IResult? Error)> ReadBodyAsync<T>(HttpRequest request, CancellationToken ct)
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

    private static IResult IdTaken() =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "A highlight with this id already exists.");

    private static IResult Validation(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A version as an ETag: <c>"3"</c>.</summary>
    public static string ETag(int version) => "\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// The version a request's If-Match names: null without the header (last write wins), -1 for
    /// one that names no version of ours (it can never match; <c>*</c> is "any version").
    /// </summary>
    private static int? IfMatch(HttpRequest request, int current)
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

    private static IResult WithETag<T>(HttpContext http, T value, int version, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.ETag = ETag(version);
        return status == StatusCodes.Status201Created && value is HighlightView created
            ? Results.Created($"/api/highlights/{created.Id}", value)
            : Results.Json(value, statusCode: status);
    }

    /// <summary>412: someone else changed it since the client read it. The body holds what it is now, to show both.</summary>
    private static IResult Stale(HttpContext http, object current, int version)
    {
        http.Response.Headers.ETag = ETag(version);
        return Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed elsewhere",
            detail: "This was changed (in another tab or on another device) since you opened it. The current version is in \"current\"; send your change again with its ETag to keep yours.",
            extensions: new Dictionary<string, object?> { ["current"] = current, ["version"] = version });
    }

    private static async Task<IResult> ListAsync(string slug, ClaimsPrincipal user, AppDb db, ArticleHeaders headers, RevisionCache revisions, NotesPanelLoader loader, CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return NotFound("article");
        }

        var panel = await loader.LoadAsync(user.UserId(), article.Id, await revisions.GetAsync(article.CurrentRevisionId, ct), ct);
        return Results.Ok(panel.Highlights.Concat(panel.Orphans));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var highlight = await db.Highlights.AsNoTracking().Include(h => h.Tags)
            .FirstOrDefaultAsync(h => h.Id == id && h.UserId == user.UserId(), ct);
        return highlight is null ? NotFound("highlight") : WithETag(http, highlight.ToView(), highlight.Version);
    }

    private static async Task<IResult> CreateAsync(string slug, HttpContext http, HttpRequest request, ClaimsPrincipal user, AppDb db, ArticleHeaders headers,
        RevisionCache revisions, HighlightWriter writer, TimeProvider clock, CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return NotFound("article");
        }

        var (body, error) = await ReadBodyAsync<CreateHighlight>(request, ct);
        if (body is null)
        {
            return error!;
        }

        var errors = new Dictionary<string, string[]>();
        var revision = await revisions.GetAsync(article.CurrentRevisionId, ct);
        var range = HighlightValidation.Range(revision.Text, body.Start, body.End, body.Exact, errors);
        var color = body.Color ?? HighlightRules.Colors[0];
        HighlightValidation.Details(color, body.Note, body.Tags, errors);
        var now = clock.GetUtcNow().UtcDateTime;
        HighlightValidation.CreatedAt(body.CreatedAt, now, errors);
        if (errors.Count > 0 || range is null)
        {
            return Results.ValidationProblem(errors);
        }

        // Any reader's id answers the same: whose it is stays theirs.
        if (body.Id is { } requestedId && await db.Highlights.AnyAsync(h => h.Id == requestedId, ct))
        {
            return IdTaken();
        }

        var highlight = new Highlight
        {
            Id = body.Id ?? Guid.CreateVersion7(),
            UserId = user.UserId(),
            ArticleId = article.Id,
            RevisionId = revision.Id,
            StartAnchor = "",
            EndAnchor = "",
            Exact = "",
            Color = color,
            Note = body.Note ?? "",
            CreatedAt = body.CreatedAt?.ToUniversalTime() ?? now,
            UpdatedAt = now,
            Tags = HighlightRules.NormalizeTags(body.Tags).Select(t => new HighlightTag { UserId = user.UserId(), Name = t }).ToList(),
        };
        highlight.PlaceAt(revision.Text, range.Value.Start, range.Value.End);
        try
        {
            await writer.AddAsync(highlight, ct);              // committed with whatever else is being created now
        }
        catch (DbUpdateException) when (body.Id is not null)
        {
            // The same id sent twice at once (an Undo clicked twice): the loser learns it is taken.
            if (await db.Highlights.AnyAsync(h => h.Id == highlight.Id, ct))
            {
                return IdTaken();
            }

            throw;
        }

        return WithETag(http, highlight.ToView(), highlight.Version, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpContext http, HttpRequest request, ClaimsPrincipal user, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        // Another reader's highlight is "not found" before its body is even read.
        if (!await db.Highlights.AnyAsync(h => h.Id == id && h.UserId == user.UserId(), ct))
        {
            return NotFound("highlight");
        }

        var (body, error) = await ReadBodyAsync<UpdateHighlight>(request, ct);
        if (body is null)
        {
            return error!;
        }

        // Version is a concurrency token: a write that lost a race (a PATCH, a DELETE, the same new
        // tag from another tab) fails to save instead of overwriting; it is then read again.
        for (var attempt = 1; ; attempt++)
        {
            var highlight = await db.Highlights.Include(h => h.Tags).FirstOrDefaultAsync(h => h.Id == id && h.UserId == user.UserId(), ct);
            if (highlight is null)
            {
                return NotFound("highlight");
            }

            if (IfMatch(request, highlight.Version) is { } expected && expected != highlight.Version)
            {
                return Stale(http, highlight.ToView(), highlight.Version);
            }

            var errors = new Dictionary<string, string[]>();
            HighlightValidation.Details(body.Color ?? highlight.Color, body.Note, body.Tags, errors);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            highlight.Color = body.Color ?? highlight.Color;
            highlight.Note = body.Note ?? highlight.Note;
            if (body.Tags is not null)
            {
                var tags = HighlightRules.NormalizeTags(body.Tags);
                highlight.Tags.RemoveAll(t => !tags.Contains(t.Name));
                highlight.Tags.AddRange(tags.Where(t => !highlight.Tags.Exists(e => e.Name == t)).Select(t => new HighlightTag { UserId = highlight.UserId, Name = t }));
            }

            highlight.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            highlight.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
                return WithETag(http, highlight.ToView(), highlight.Version);
            }
            catch (DbUpdateException)
            {
                // Changed or deleted meanwhile: with If-Match that is a 412 (or 404), without it
                // the change is applied again to what is there now (the last write wins).
                db.ChangeTracker.Clear();
                if (attempt == 3)
                {
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                        detail: "The highlight kept changing while this change was saved. Reload it and try again.");
                }
            }
        }
    }

    private static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var deleted = await db.Highlights.Where(h => h.Id == id && h.UserId == user.UserId()).ExecuteDeleteAsync(ct);
        return deleted == 0 ? NotFound("highlight") : Results.NoContent();
    }

    private static async Task<IResult> ReattachAsync(Guid id, HttpContext http, HttpRequest request, ClaimsPrincipal user, AppDb db,
        RevisionCache revisions, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Highlights.AnyAsync(h => h.Id == id && h.UserId == user.UserId(), ct))
        {
            return NotFound("highlight");
        }

        var (body, error) = await ReadBodyAsync<ReattachHighlight>(request, ct);
        if (body is null)
        {
            return error!;
        }

        for (var attempt = 1; ; attempt++)
        {
            var highlight = await db.Highlights.Include(h => h.Tags).FirstOrDefaultAsync(h => h.Id == id && h.UserId == user.UserId(), ct);
            if (highlight is null)
            {
                return NotFound("highlight");
            }

            var revisionId = await db.Articles.Where(a => a.Id == highlight.ArticleId).Select(a => a.CurrentRevisionId).SingleAsync(ct);
            var revision = await revisions.GetAsync(revisionId, ct);
            var errors = new Dictionary<string, string[]>();
            var range = HighlightValidation.Range(revision.Text, body.Start, body.End, body.Exact, errors);
            if (errors.Count > 0 || range is null)
            {
                return Results.ValidationProblem(errors);
            }

            highlight.RevisionId = revision.Id;
            highlight.PlaceAt(revision.Text, range.Value.Start, range.Value.End);
            highlight.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            highlight.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
                return WithETag(http, highlight.ToView(), highlight.Version);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();                      // changed or deleted meanwhile: read it again
            }
        }
    }

    private static async Task<IResult> GetNoteAsync(string slug, HttpContext http, ClaimsPrincipal user, AppDb db, ArticleHeaders headers, CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return NotFound("article");
        }

        var note = await CurrentNoteAsync(db, user.UserId(), article.Id, ct);
        return WithETag(http, note, note.Version);
    }

    private static async Task<ArticleNoteView> CurrentNoteAsync(AppDb db, string userId, int articleId, CancellationToken ct) =>
        await db.ArticleNotes.AsNoTracking().Where(n => n.UserId == userId && n.ArticleId == articleId)
            .Select(n => new ArticleNoteView(n.Note, n.NoteHtml, n.Version)).FirstOrDefaultAsync(ct)
        ?? new ArticleNoteView("", "", 0);

    private static async Task<IResult> SaveNoteAsync(string slug, HttpContext http, HttpRequest request, ClaimsPrincipal user, AppDb db, ArticleHeaders headers, TimeProvider clock, CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return NotFound("article");
        }

        var (body, error) = await ReadBodyAsync<SaveArticleNote>(request, ct);
        if (body is null)
        {
            return error!;
        }

        int? expected = null;
        if (request.Headers.IfMatch.Count > 0)
        {
            var current = await CurrentNoteAsync(db, user.UserId(), article.Id, ct);
            expected = IfMatch(request, current.Version);
            if (expected != current.Version)
            {
                return Stale(http, current, current.Version);
            }
        }

        var note = body.Note ?? "";
        var saved = await ArticleNotes.SaveAsync(db, user.UserId(), article.Id, note, clock, ct, expected);
        if (saved.Problem is { } problem)
        {
            return Validation("note", problem);
        }

        if (saved.Conflict)
        {
            var current = await CurrentNoteAsync(db, user.UserId(), article.Id, ct);
            return Stale(http, current, current.Version);
        }

        return WithETag(http, new ArticleNoteView(saved.Version == 0 ? "" : note, saved.Version == 0 ? "" : NoteMarkdown.ToHtml(note), saved.Version), saved.Version);
    }

    private static async Task<IResult> ListColorsAsync(ClaimsPrincipal user, AppDb db, CancellationToken ct) =>
        Results.Ok(await ColorLabels.ForUserAsync(db, user.UserId(), ct));

    private static async Task<IResult> SaveColorAsync(string color, HttpRequest request, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        if (!HighlightRules.IsColor(color))
        {
            return NotFound("colour called " + color);
        }

        var (body, error) = await ReadBodyAsync<SaveColorLabel>(request, ct);
        if (body is null)
        {
            return error!;
        }

        if (await ColorLabels.SaveAsync(db, user.UserId(), color, body.Label, ct) is { } problem)
        {
            return Validation("label", problem);
        }

        return Results.Ok(await ColorLabels.ForUserAsync(db, user.UserId(), ct));
    }
}
