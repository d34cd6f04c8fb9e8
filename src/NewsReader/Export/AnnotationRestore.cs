using NewsReader.Anchoring;
using NewsReader.Annotations;
using NewsReader.Articles;

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
/// reader's notes. The file is read twice as a stream, never whole: first every annotation is
/// checked (a file with any problem changes nothing), then they are matched and written in
/// short transactions of <see cref="BatchSize"/>, stepping aside between them for other
/// writers (<see cref="WritePriority"/>), so a restore of 100,000 annotations never holds the
/// database for more than a moment. Articles are matched by the slug in the target's URL
/// whatever its host, else by title. A highlight keeps its id when it is free, so old deep links
/// work; one whose id is already this reader's is already here, so restoring a file twice adds
/// nothing, and restoring it again after an interruption completes it. Positions are taken from
/// the TextPositionSelector when the text there is still the quote, else the quote is searched
/// for (<see cref="QuoteLocator"/>), else the highlight is kept as an orphan. Annotations on
/// articles that are not in the library cannot be kept (a highlight belongs to an article): they
/// are counted and named in the report.
/// </summary>
public sealed class AnnotationRestore(AppDb db, RevisionCache revisions, TimeProvider clock, WritePriority priority)
{
    /// <summary>Annotations per transaction: a few tens of milliseconds of writing.</summary>
    public const int BatchSize = 250;

    private AppDb Db { get; } = db;

    private RevisionCache Revisions { get; } = revisions;

    private WritePriority Priority { get; } = priority;

    // Two annotations in a file can be equal as records (a duplicate); each is still its own entry.
    private static readonly IEqualityComparer<ImportedAnnotation> ByReference = ReferenceEqualityComparer.Instance;

    private sealed record ArticleRef(int Id, string Slug, string Title, int CurrentRevisionId);

    /// <summary>An article as a restore needs it: its text, code point offsets, and (built on first use) its quote index.</summary>
    private sealed record ArticleContext(ArticleRef Article, RevisionContent Revision, CodePointOffsets CodePoints)
    {
        private QuoteSearch? _search;

        public QuoteSearch Search => _search ??= new QuoteSearch(Revision.Text);
    }

    public async Task<RestoreReport> RestoreAsync(string userId, Stream file, CancellationToken ct)
    {
        if (!file.CanSeek)
        {
            // Read twice: a stream that cannot go back is kept in a temporary file first.
            await using var copy = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            await file.CopyToAsync(copy, ct);
            copy.Position = 0;
            return await RestoreAsync(userId, copy, ct);
        }

        var start = file.Position;
        var check = await AnnotationReader.ScanAsync(file, null, ct);
        if (!check.IsValid)
        {
            return RestoreReport.Failed(check.Errors);
        }

        file.Position = start;
        // A bulk job waits for the lock as long as it takes (interactive writes go first); it does not fail after a few seconds.
        Db.Database.SetCommandTimeout(TimeSpan.FromMinutes(2));
        var run = new Run(this, userId, clock.GetUtcNow().UtcDateTime);
        await AnnotationReader.ScanAsync(file, annotation => run.AddAsync(annotation, ct), ct);
        await run.FinishAsync(ct);
        CheckpointAfterBulkWrite();
        return run.Report(check.Ignored);
    }

    /// <summary>One restore's progress: the batch being gathered, what is known of articles and ids, the counts.</summary>
    private sealed class Run(AnnotationRestore owner, string userId, DateTime now)
    {
        private readonly List<ImportedAnnotation> _batch = new(BatchSize);
        private readonly Dictionary<string, ArticleRef?> _bySlug = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ArticleRef?> _byTitle = new(StringComparer.Ordinal);
        private readonly Dictionary<int, ArticleContext> _contexts = [];
        private readonly HashSet<Guid> _seen = [];
        private readonly Dictionary<string, int> _missing = new(StringComparer.Ordinal);
        private readonly List<string> _missingInBatch = new(BatchSize);    // what BuildAsync added to _missing, for Undo
        private readonly List<string> _ignored = [];
        private readonly Dictionary<int, List<ImportedAnnotation>> _notes = [];
        private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
        private int _restored, _orphaned, _alreadyPresent, _articleNotes;

        private AppDb Db => owner.Db;

        public async ValueTask AddAsync(ImportedAnnotation annotation, CancellationToken ct)
        {
            _batch.Add(annotation);
            if (_batch.Count == BatchSize)
            {
                await FlushAsync(ct);
            }
        }

        public async Task FinishAsync(CancellationToken ct)
        {
            await FlushAsync(ct);
            foreach (var (articleId, all) in _notes)
            {
                await owner.RestoreArticleTagsAsync(userId, articleId, all.SelectMany(a => a.Tags), ct);
                var list = all.Where(a => a.Note.Length > 0).ToList();
                if (list.Count == 0)
                {
                    continue;
                }

                switch (await owner.RestoreArticleNoteAsync(userId, articleId, list, now, ct))
                {
                    case NoteOutcome.Added:
                        _articleNotes++;
                        break;
                    case NoteOutcome.AlreadyPresent:
                        _alreadyPresent += list.Count;
                        break;
                    default:
                        _ignored.Add($"The note on {list[0].Source} was not restored: with the note already there it would be longer than "
                            + HighlightRules.MaxNoteLength.ToString("N0", CultureInfo.InvariantCulture) + " characters.");
                        break;
                }
            }

            // A colour's meaning comes back unless the reader has since given it another.
            var existingLabels = await ColorLabels.ForUserAsync(Db, userId, ct);
            foreach (var (color, label) in _labels.Where(l => !existingLabels.ContainsKey(l.Key)))
            {
                Db.ColorLabels.Add(new ColorLabel { UserId = userId, Color = color, Label = label });
            }

            await Db.SaveChangesAsync(ct);
            Db.ChangeTracker.Clear();
        }

        public RestoreReport Report(IReadOnlyList<string> ignoredWhenRead) =>
            new(_restored, _orphaned, _alreadyPresent, _articleNotes,
                _missing.Select(m => new MissingArticle(m.Key, m.Value)).ToList(), [.. ignoredWhenRead, .. _ignored], []);

        /// <summary>Matches, places and writes the gathered annotations in one short transaction.</summary>
        private async Task FlushAsync(CancellationToken ct)
        {
            if (_batch.Count == 0)
            {
                return;
            }

            await MatchArticlesAsync(_batch, ct);
            var before = (_alreadyPresent, _ignored.Count);
            for (var attempt = 1; ; attempt++)
            {
                var highlights = await BuildAsync(ct);
                if (highlights.Count == 0)
                {
                    break;
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                Db.Highlights.AddRange(highlights);
                try
                {
                    await Db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException) when (attempt == 1)
                {
                    // Another writer took one of these ids between the look-up and the write
                    // (the same file restored twice at once): undo this batch's counts, look again, once.
                    Db.ChangeTracker.Clear();
                    Undo(before);
                    continue;
                }

                Db.ChangeTracker.Clear();
                _restored += highlights.Count;
                _orphaned += highlights.Count(h => h.IsOrphan);
                highlights.ForEach(h => _seen.Add(h.Id));
                await owner.Priority.YieldAsync(System.Diagnostics.Stopwatch.GetElapsedTime(started), ct);
                break;
            }

            _batch.Clear();
        }

        /// <summary>Takes back what counting this batch added, so that writing it again counts each annotation once.</summary>
        private void Undo((int AlreadyPresent, int Ignored) before)
        {
            _alreadyPresent = before.AlreadyPresent;
            _ignored.RemoveRange(before.Ignored, _ignored.Count - before.Ignored);
            foreach (var source in _missingInBatch)
            {
                if (--_missing[source] == 0)
                {
                    _missing.Remove(source);
                }
            }

            foreach (var annotation in _batch.Where(a => a.Kind == ImportedKind.ArticleNote))
            {
                if (ArticleOf(annotation) is { } article && _notes.TryGetValue(article.Id, out var list))
                {
                    list.Remove(annotation);
                }
            }
        }

        /// <summary>The batch's highlights to write (article notes are gathered for the end; the rest counted).</summary>
        private async Task<List<Highlight>> BuildAsync(CancellationToken ct)
        {
            _missingInBatch.Clear();
            var ids = await ChooseIdsAsync(_batch.Where(a => a.Kind == ImportedKind.Highlight).ToList(), ct);
            var highlights = new List<Highlight>(_batch.Count);
            foreach (var annotation in _batch)
            {
                var id = Guid.Empty;
                if (annotation.Kind == ImportedKind.Highlight)
                {
                    if (ids[annotation] is not { } chosen)
                    {
                        _alreadyPresent++;
                        continue;
                    }

                    id = chosen;
                }

                if (ArticleOf(annotation) is not { } article)
                {
                    _missing[annotation.Source] = _missing.GetValueOrDefault(annotation.Source) + 1;
                    _missingInBatch.Add(annotation.Source);
                    continue;
                }

                if (annotation.Kind == ImportedKind.ArticleNote)
                {
                    (_notes.TryGetValue(article.Id, out var list) ? list : _notes[article.Id] = []).Add(annotation);
                    continue;
                }

                if (!_contexts.TryGetValue(article.Id, out var context))
                {
                    var revision = await owner.Revisions.GetAsync(article.CurrentRevisionId, ct);
                    context = _contexts[article.Id] = new ArticleContext(article, revision, new CodePointOffsets(revision.Text.Text));
                }

                var highlight = Build(userId, id, annotation, context, now);
                if (highlight is null)
                {
                    _ignored.Add($"{annotation.Label}: its position is not in the article and it has no quote to keep.");
                    continue;
                }

                highlights.Add(highlight);
                if (annotation.ColorLabel is { } label && annotation.Color is { } color)
                {
                    _labels.TryAdd(color, label);
                }
            }

            return highlights;
        }

        private ArticleRef? ArticleOf(ImportedAnnotation a) =>
            SlugFrom(a.Source) is { } slug && _bySlug.GetValueOrDefault(slug) is { } article ? article
            : a.Title is not null && _byTitle.GetValueOrDefault(a.Title.Trim()) is { } titled ? titled
            : null;

        /// <summary>Looks up the slugs (and, where a slug finds nothing, the titles) this batch names that are not known yet.</summary>
        private async Task MatchArticlesAsync(List<ImportedAnnotation> annotations, CancellationToken ct)
        {
            var slugs = annotations.Select(a => SlugFrom(a.Source)).OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(s => !_bySlug.ContainsKey(s)).ToList();
            if (slugs.Count > 0)
            {
                var found = await Db.Articles.AsNoTracking().Where(a => slugs.Contains(a.Slug))
                    .Select(a => new ArticleRef(a.Id, a.Slug, a.Title, a.CurrentRevisionId)).ToListAsync(ct);
                slugs.ForEach(s => _bySlug[s] = null);
                found.ForEach(a => _bySlug[a.Slug] = a);
            }

            // Another tool's URL is the article's original address; its title is the other way to know it.
            var titles = annotations.Where(a => a.Title is not null && (SlugFrom(a.Source) is not { } s || _bySlug[s] is null))
                .Select(a => a.Title!.Trim()).Distinct(StringComparer.Ordinal).Where(t => !_byTitle.ContainsKey(t)).ToList();
            if (titles.Count > 0)
            {
                var found = await Db.Articles.AsNoTracking().Where(a => titles.Contains(a.Title))
                    .Select(a => new ArticleRef(a.Id, a.Slug, a.Title, a.CurrentRevisionId)).ToListAsync(ct);
                titles.ForEach(t => _byTitle[t] = null);
                foreach (var group in found.GroupBy(a => a.Title, StringComparer.Ordinal).Where(g => g.Count() == 1))
                {
                    _byTitle[group.Key] = group.Single();
                }
            }
        }

        /// <summary>
        /// The id each highlight is restored under, or null when this reader already has it (or it
        /// came earlier in the same file). The file's id when it is a free <c>urn:uuid:</c>; an id
        /// derived from it otherwise, the same every time, so a second restore finds it.
        /// </summary>
        private async Task<Dictionary<ImportedAnnotation, Guid?>> ChooseIdsAsync(List<ImportedAnnotation> highlights, CancellationToken ct)
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

            var inBatch = new HashSet<Guid>();
            return chosen.ToDictionary(c => c.Key,
                c => owners.ContainsKey(c.Value) || _seen.Contains(c.Value) || !inBatch.Add(c.Value) ? (Guid?)null : c.Value,
                ByReference);
        }

        private async Task<Dictionary<Guid, string>> OwnersAsync(IEnumerable<Guid> ids, CancellationToken ct)
        {
            var owners = new Dictionary<Guid, string>();
            foreach (var chunk in ids.Distinct().Chunk(BatchSize))
            {
                foreach (var row in await Db.Highlights.AsNoTracking().Where(h => chunk.Contains(h.Id)).Select(h => new { h.Id, h.UserId }).ToListAsync(ct))
                {
                    owners[row.Id] = row.UserId;
                }
            }

            return owners;
        }
    }

    /// <summary>A restore writes the WAL large: it is copied in and cut back at once, not left on disk.</summary>
    private void CheckpointAfterBulkWrite()
    {
        if (Db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            Db.Database.OpenConnection();
            try
            {
                Database.Checkpoint(sqlite);
            }
            finally
            {
                Db.Database.CloseConnection();
            }
        }
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

    /// <summary>What identifies an annotation that has no id of its own.</summary>
    private static string ContentKey(ImportedAnnotation a) => string.Join('\n', a.Source, a.Exact, a.Note,
        a.Start?.ToString(CultureInfo.InvariantCulture), a.Created?.ToString("O", CultureInfo.InvariantCulture));

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
                range = QuoteLocator.Locate(context.Search, exact, annotation.Prefix, annotation.Suffix, expectedStart);
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

    /// <summary>Adds the restored tags on an article to the reader's own there (up to the limit of tags; the first kept).</summary>
    private async Task RestoreArticleTagsAsync(string userId, int articleId, IEnumerable<string> tags, CancellationToken ct)
    {
        var existing = await Db.ArticleTags.Where(t => t.UserId == userId && t.ArticleId == articleId).Select(t => t.Name).ToListAsync(ct);
        var added = HighlightRules.NormalizeTags(tags).Where(t => t.Length <= HighlightRules.MaxTagLength && !existing.Contains(t))
            .Take(Math.Max(0, HighlightRules.MaxTags - existing.Count));
        Db.ArticleTags.AddRange(added.Select(name => new Library.ArticleTag { UserId = userId, ArticleId = articleId, Name = name }));
    }

    /// <summary>Sets the article note; one already there is kept, and the restored text added after it unless it holds it already.</summary>
    private async Task<NoteOutcome> RestoreArticleNoteAsync(string userId, int articleId, List<ImportedAnnotation> annotations, DateTime now, CancellationToken ct)
    {
        var text = string.Join("\n\n", annotations.Select(a => a.Note));
        var existing = await Db.ArticleNotes.FirstOrDefaultAsync(n => n.UserId == userId && n.ArticleId == articleId, ct);
        if (existing is null && text.Length > HighlightRules.MaxNoteLength)
        {
            return NoteOutcome.TooLong;
        }

        if (existing is null)
        {
            var created = annotations.Min(a => a.Created) ?? now;
            Db.ArticleNotes.Add(new ArticleNote
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
        existing.Version++;
        return NoteOutcome.Added;
    }
}
