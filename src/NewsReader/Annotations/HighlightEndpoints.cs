using NewsReader.Articles;
using static NewsReader.Annotations.Api;

namespace NewsReader.Annotations;

public sealed record CreateHighlight(Position? Start, Position? End, string? Exact, string? Color, string? Note,
    IReadOnlyList<string>? Tags, Guid? Id, DateTime? CreatedAt);

public sealed record UpdateHighlight(string? Color, string? Note, IReadOnlyList<string>? Tags);

public sealed record ReattachHighlight(Position? Start, Position? End, string? Exact);

/// <summary>A reader's highlights of an article: list, create, read, change (with If-Match), delete, re-attach.</summary>
internal static class HighlightEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/articles/{slug}/highlights", ListAsync)
            .ReadsOne<IReadOnlyList<HighlightView>>("This reader's highlights of an article, in reading order (orphans last).");

        api.MapPost("/articles/{slug}/highlights", CreateAsync)
            .WithSummary("Highlight a range of the article's current revision.")
            .Accepts<CreateHighlight>("application/json")
            .Produces<HighlightView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/highlights/{id:guid}", GetAsync)
            .ReadsOne<HighlightView>("One of this reader's highlights, with its version as the ETag.");

        api.MapPatch("/highlights/{id:guid}", UpdateAsync)
            .WritesIfMatch<UpdateHighlight, HighlightView>("Change a highlight's colour, note or tags. With If-Match (its ETag), only if nobody changed it since (else 412 with the current version); without, the last write wins.");

        api.MapDelete("/highlights/{id:guid}", DeleteAsync)
            .WithSummary("Delete a highlight (the page offers Undo by creating it again with the same id).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/highlights/{id:guid}/reattach", ReattachAsync)
            .Writes<ReattachHighlight, HighlightView>("Give an orphaned (or any) highlight a new place in the article's current text.");
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
        var (article, body, error) = await ArticleAndBodyAsync<CreateHighlight>(headers, db, slug, request, ct);
        if (article is null || body is null)
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
        catch (DbUpdateException)
        {
            // The article deleted while this waited for its turn to be written.
            if (!await db.Articles.AnyAsync(a => a.Id == article.Id && a.DeletedAt == null, ct))
            {
                return NotFound("article");
            }

            // The same id sent twice at once (an Undo clicked twice): the loser learns it is taken.
            if (body.Id is not null && await db.Highlights.AnyAsync(h => h.Id == highlight.Id, ct))
            {
                return IdTaken();
            }

            throw;
        }

        return WithETag(http, highlight.ToView(), highlight.Version, StatusCodes.Status201Created);
    }

    private static Task<IResult> UpdateAsync(Guid id, HttpContext http, ClaimsPrincipal user, AppDb db, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync<UpdateHighlight>(id, http, user, db, clock, (highlight, body) =>
        {
            if (IfMatch(http.Request, highlight.Version) is { } expected && expected != highlight.Version)
            {
                return Task.FromResult<IResult?>(Stale(http, highlight.ToView(), highlight.Version));
            }

            var errors = new Dictionary<string, string[]>();
            HighlightValidation.Details(body.Color ?? highlight.Color, body.Note, body.Tags, errors);
            if (errors.Count > 0)
            {
                return Task.FromResult<IResult?>(Results.ValidationProblem(errors));
            }

            highlight.Color = body.Color ?? highlight.Color;
            highlight.Note = body.Note ?? highlight.Note;
            if (body.Tags is not null)
            {
                var tags = HighlightRules.NormalizeTags(body.Tags);
                highlight.Tags.RemoveAll(t => !tags.Contains(t.Name));
                highlight.Tags.AddRange(tags.Where(t => !highlight.Tags.Exists(e => e.Name == t)).Select(t => new HighlightTag { UserId = highlight.UserId, Name = t }));
            }

            return Task.FromResult<IResult?>(null);
        }, ct);

    private static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var deleted = await db.Highlights.Where(h => h.Id == id && h.UserId == user.UserId()).ExecuteDeleteAsync(ct);
        return deleted == 0 ? NotFound("highlight") : Results.NoContent();
    }

    private static Task<IResult> ReattachAsync(Guid id, HttpContext http, ClaimsPrincipal user, AppDb db,
        RevisionCache revisions, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync<ReattachHighlight>(id, http, user, db, clock, async (highlight, body) =>
        {
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
            return null;
        }, ct);

    /// <summary>
    /// One change to one of this reader's highlights. Another reader's highlight is "not found"
    /// before the body is even read. <paramref name="change"/> applies the body, or refuses with
    /// a result. Version is a concurrency token: a write that lost a race (a PATCH, a DELETE, the
    /// same new tag from another tab) fails to save instead of overwriting, and the highlight is
    /// read and changed again (with If-Match that then is a 412, or a 404); a highlight that keeps
    /// changing is a 409 after three tries.
    /// </summary>
    private static async Task<IResult> ChangeAsync<TBody>(Guid id, HttpContext http, ClaimsPrincipal user, AppDb db, TimeProvider clock,
        Func<Highlight, TBody, Task<IResult?>> change, CancellationToken ct)
        where TBody : class
    {
        if (!await db.Highlights.AnyAsync(h => h.Id == id && h.UserId == user.UserId(), ct))
        {
            return NotFound("highlight");
        }

        var (body, error) = await ReadBodyAsync<TBody>(http.Request, ct);
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

            if (await change(highlight, body) is { } refused)
            {
                return refused;
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
                db.ChangeTracker.Clear();
                if (attempt == 3)
                {
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                        detail: "The highlight kept changing while this change was saved. Reload it and try again.");
                }
            }
        }
    }
}
