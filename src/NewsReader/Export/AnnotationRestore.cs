using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsReader.Anchoring;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Data;

namespace NewsReader.Export;

/// <summary>Annotations that name an article this library does not have, by the URL (or title) they name.</summary>
public sealed record MissingArticle(string Source, int Annotations);

/// <summary>What a restore did. With <see cref="Errors"/> the file was rejected and nothing changed.</summary>
public sealed record RestoreReport(
    int Restored,
    int Orphaned,
    int AlreadyPresent,
    int ArticleNotes,
    IReadOnlyList<MissingArticle> MissingArticles,
    IReadOnlyList<string> Ignored,
    IReadOnlyList<string> Errors)
{
    public bool Rejected => Errors.Count > 0;

    /// <summary>Annotations in the file that are not in the library after this restore.</summary>
    public int NotRestored => MissingArticles.Sum(m => m.Annotations) + Ignored.Count;

    public static RestoreReport Failed(IReadOnlyList<string> errors) => new(0, 0, 0, 0, [], [], errors);
}

/// <summary>
/// Restores a JSON-LD export (NewsReader's own or another tool's W3C annotations) into one
/// reader's notes, all in one transaction. Articles are matched by the slug in the target's
/// URL whatever its host, else by title. A highlight keeps its id when it is free, so old deep
/// links work; one whose id is already this reader's is already here, so restoring a file
/// twice adds nothing. Positions are taken from the TextPositionSelector when the text there is
/// still the quote, else the quote is searched for (<see cref="QuoteLocator"/>), else the
/// highlight is kept as an orphan. Annotations on articles that are not in the library cannot
/// be kept (a highlight belongs to an article): they are counted and named in the report.
/// </summary>
public sealed class AnnotationRestore(AppDb db, RevisionCache revisions, TimeProvider clock)
{
    private const int BatchSize = 1000;

    // Two annotations in a file can be equal as records (a duplicate); each is still its own entry.
    private static readonly IEqualityComparer<ImportedAnnotation> ByReference = ReferenceEqualityComparer.Instance;

    private sealed record ArticleRef(int Id, string Slug, string Title, int CurrentRevisionId);

    private sealed record ArticleContext(ArticleRef Article, RevisionContent Revision, CodePointOffsets CodePoints);

    public async Task<RestoreReport> RestoreAsync(string userId, Stream file, CancellationToken ct)
    {
        var parsed = await AnnotationReader.ReadAsync(file, ct);
        if (!parsed.IsValid)
        {
            return RestoreReport.Failed(parsed.Errors);
        }

        var ignored = parsed.Ignored.ToList();
        var missing = new Dictionary<string, int>(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        int restored = 0, orphaned = 0, alreadyPresent = 0, articleNotes = 0;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var articles = await MatchArticlesAsync(parsed.Annotations, ct);
        var contexts = new Dictionary<int, ArticleContext>();
        var ids = await ChooseIdsAsync(userId, parsed.Annotations.Where(a => a.Kind == ImportedKind.Highlight).ToList(), ct);
        var notes = new Dictionary<int, List<ImportedAnnotation>>();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = 0;

        foreach (var annotation in parsed.Annotations)
        {
            var id = Guid.Empty;
            if (annotation.Kind == ImportedKind.Highlight)
            {
                if (ids[annotation] is not { } chosen)
                {
                    alreadyPresent++;
                    continue;
                }

                id = chosen;
            }

            if (articles.GetValueOrDefault(annotation) is not { } article)
            {
                var name = annotation.Source;
                missing[name] = missing.GetValueOrDefault(name) + 1;
                continue;
            }

            if (annotation.Kind == ImportedKind.ArticleNote)
            {
                (notes.TryGetValue(article.Id, out var list) ? list : notes[article.Id] = []).Add(annotation);
                continue;
            }

            if (!contexts.TryGetValue(article.Id, out var context))
            {
                var revision = await revisions.GetAsync(article.CurrentRevisionId, ct);
                context = contexts[article.Id] = new ArticleContext(article, revision, new CodePointOffsets(revision.Text.Text));
            }

            var highlight = Build(userId, id, annotation, context, now);
            if (highlight is null)
            {
                ignored.Add($"{annotation.Label}: its position is not in the article and it has no quote to keep.");
                continue;
            }

            db.Highlights.Add(highlight);
            restored++;
            orphaned += highlight.IsOrphan ? 1 : 0;
            if (annotation.ColorLabel is { } label && annotation.Color is { } color)
            {
                labels.TryAdd(color, label);
            }

            if (++pending == BatchSize)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }

        foreach (var (articleId, list) in notes)
        {
            switch (await RestoreArticleNoteAsync(userId, articleId, list, now, ct))
            {
                case NoteOutcome.Added:
                    articleNotes++;
                    break;
                case NoteOutcome.AlreadyPresent:
                    alreadyPresent += list.Count;
                    break;
                default:
                    ignored.Add($"The note on {list[0].Source} was not restored: with the note already there it would be longer than "
                        + HighlightRules.MaxNoteLength.ToString("N0", CultureInfo.InvariantCulture) + " characters.");
                    break;
            }
        }

        // A colour's meaning comes back unless the reader has since given it another.
        var existingLabels = await ColorLabels.ForUserAsync(db, userId, ct);
        foreach (var (color, label) in labels.Where(l => !existingLabels.ContainsKey(l.Key)))
        {
            db.ColorLabels.Add(new ColorLabel { UserId = userId, Color = color, Label = label });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RestoreReport(restored, orphaned, alreadyPresent, articleNotes,
            missing.Select(m => new MissingArticle(m.Key, m.Value)).ToList(), ignored, []);
    }

    /// <summary>The slug in a NewsReader article URL (<c>…/articles/{slug}</c> or its <c>.txt</c>), on any host.</summary>
    public static string? SlugFrom(string source)
    {
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) && !Uri.TryCreate(new Uri("http://localhost"), source, out uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.LastIndexOf(segments, "articles");
        if (index < 0 || index != segments.Length - 2)
        {
            return null;
        }

        var slug = Uri.UnescapeDataString(segments[^1]);
        return slug.EndsWith(".txt", StringComparison.Ordinal) ? slug[..^4] : slug;
    }

    private async Task<Dictionary<ImportedAnnotation, ArticleRef?>> MatchArticlesAsync(IReadOnlyList<ImportedAnnotation> annotations, CancellationToken ct)
    {
        var slugs = annotations.Select(a => SlugFrom(a.Source)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var bySlug = (await db.Articles.AsNoTracking().Where(a => slugs.Contains(a.Slug))
                .Select(a => new ArticleRef(a.Id, a.Slug, a.Title, a.CurrentRevisionId)).ToListAsync(ct))
            .ToDictionary(a => a.Slug, StringComparer.Ordinal);

        // Another tool's URL is the article's original address; its title is the other way to know it.
        var titles = annotations.Where(a => a.Title is not null && (SlugFrom(a.Source) is not { } s || !bySlug.ContainsKey(s)))
            .Select(a => a.Title!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var byTitle = titles.Count == 0
            ? []
            : (await db.Articles.AsNoTracking().Where(a => titles.Contains(a.Title))
                    .Select(a => new ArticleRef(a.Id, a.Slug, a.Title, a.CurrentRevisionId)).ToListAsync(ct))
                .GroupBy(a => a.Title, StringComparer.Ordinal)
                .Where(g => g.Count() == 1)
                .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);

        return annotations.ToDictionary(a => a, a =>
            SlugFrom(a.Source) is { } slug && bySlug.TryGetValue(slug, out var article) ? article
            : a.Title is not null && byTitle.TryGetValue(a.Title.Trim(), out var titled) ? titled
            : null, ByReference);
    }

    /// <summary>
    /// The id each highlight is restored under, or null when this reader already has it (or it
    /// came earlier in the same file). The file's id when it is a free <c>urn:uuid:</c>; an id
    /// derived from it otherwise, the same every time, so a second restore finds it.
    /// </summary>
    private async Task<Dictionary<ImportedAnnotation, Guid?>> ChooseIdsAsync(string userId, List<ImportedAnnotation> highlights, CancellationToken ct)
    {
        var preferred = highlights.ToDictionary(a => a, a =>
            a.Id is { } id && id.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) && Guid.TryParse(id.AsSpan(9), out var guid)
                ? guid
                : StableIds.From("annotation", a.Id ?? ContentKey(a)), ByReference);
        var owners = await OwnersAsync(preferred.Values, ct);

        // An id another reader holds (they restored the same file) gets one of this reader's own.
        var chosen = preferred.ToDictionary(p => p.Key, p =>
            owners.TryGetValue(p.Value, out var owner) && owner != userId ? StableIds.From("restored", userId, p.Value.ToString()) : p.Value,
            ByReference);
        foreach (var (id, owner) in await OwnersAsync(chosen.Values.Except(preferred.Values), ct))
        {
            owners[id] = owner;
        }

        var seen = new HashSet<Guid>();
        return chosen.ToDictionary(c => c.Key, c => owners.ContainsKey(c.Value) || !seen.Add(c.Value) ? (Guid?)null : c.Value,
            ByReference);
    }

    /// <summary>What identifies an annotation that has no id of its own.</summary>
    private static string ContentKey(ImportedAnnotation a) => string.Join('\n', a.Source, a.Exact, a.Note,
        a.Start?.ToString(CultureInfo.InvariantCulture), a.Created?.ToString("O", CultureInfo.InvariantCulture));

    private async Task<Dictionary<Guid, string>> OwnersAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var owners = new Dictionary<Guid, string>();
        foreach (var chunk in ids.Distinct().Chunk(BatchSize))
        {
            foreach (var row in await db.Highlights.AsNoTracking().Where(h => chunk.Contains(h.Id)).Select(h => new { h.Id, h.UserId }).ToListAsync(ct))
            {
                owners[row.Id] = row.UserId;
            }
        }

        return owners;
    }

    private static Highlight? Build(string userId, Guid id, ImportedAnnotation annotation, ArticleContext context, DateTime now)
    {
        var text = context.Revision.Text;
        (int Start, int End)? range = null;
        int? expectedStart = null;
        if (!annotation.Orphan)
        {
            if (annotation.Start is { } s && annotation.End is { } e
                && context.CodePoints.ToUtf16(s) is { } start && context.CodePoints.ToUtf16(e) is { } end && end > start)
            {
                expectedStart = start;
                if (annotation.Exact is null || string.Equals(text.Slice(start, end), annotation.Exact, StringComparison.Ordinal))
                {
                    range = (start, end);
                }
            }

            if (range is null && annotation.Exact is { } exact)
            {
                range = QuoteLocator.Locate(text, exact, annotation.Prefix, annotation.Suffix, expectedStart);
            }
        }

        var created = annotation.Created ?? now;
        var highlight = new Highlight
        {
            Id = id,
            UserId = userId,
            ArticleId = context.Article.Id,
            RevisionId = context.Revision.Id,
            StartAnchor = "",
            EndAnchor = "",
            // An orphan has no place: it sorts after every placed highlight, as on the notes panel.
            StartBlock = int.MaxValue,
            EndBlock = int.MaxValue,
            Exact = annotation.Exact ?? "",
            Prefix = annotation.Prefix,
            Suffix = annotation.Suffix,
            IsOrphan = true,
            Color = annotation.Color ?? HighlightRules.Colors[0],
            Note = annotation.Note,
            CreatedAt = created,
            UpdatedAt = annotation.Modified ?? created,
            Tags = annotation.Tags.Select(t => new HighlightTag { UserId = userId, Name = t }).ToList(),
        };
        var placed = range is { } place && highlight.PlaceAt(text, place.Start, place.End);

        // Without a quote, a highlight that found no place has nothing left to keep.
        return placed || annotation.Exact is not null ? highlight : null;
    }

    private enum NoteOutcome
    {
        Added,
        AlreadyPresent,
        TooLong,
    }

    /// <summary>Sets the article note; one already there is kept, and the restored text added after it unless it holds it already.</summary>
    private async Task<NoteOutcome> RestoreArticleNoteAsync(string userId, int articleId, List<ImportedAnnotation> annotations, DateTime now, CancellationToken ct)
    {
        var text = string.Join("\n\n", annotations.Select(a => a.Note));
        var existing = await db.ArticleNotes.FirstOrDefaultAsync(n => n.UserId == userId && n.ArticleId == articleId, ct);
        if (existing is null && text.Length > HighlightRules.MaxNoteLength)
        {
            return NoteOutcome.TooLong;
        }

        if (existing is null)
        {
            var created = annotations.Min(a => a.Created) ?? now;
            db.ArticleNotes.Add(new ArticleNote
            {
                UserId = userId,
                ArticleId = articleId,
                Note = text,
                CreatedAt = created,
                UpdatedAt = annotations.Max(a => a.Modified) ?? created,
            });
            return NoteOutcome.Added;
        }

        if (existing.Note.Contains(text, StringComparison.Ordinal))
        {
            return NoteOutcome.AlreadyPresent;
        }

        var combined = existing.Note.TrimEnd() + "\n\n" + text;
        if (combined.Length > HighlightRules.MaxNoteLength)
        {
            return NoteOutcome.TooLong;
        }

        existing.Note = combined;
        existing.UpdatedAt = now;
        return NoteOutcome.Added;
    }
}
