using NewsReader.Annotations;
using NewsReader.Articles;

namespace NewsReader.Export;

/// <summary>
/// Whose notes, in which format, of one article or all; <c>BaseUrl</c> (the request's host, or
/// NewsReader:PublicUrl) starts every absolute URL. <c>At</c>: the moment the export is of (the
/// zip gives its three files one), else now.
/// </summary>
public sealed record ExportRequest(string UserId, ExportFormat Format, string? ArticleSlug, string BaseUrl, DateTime? At = null);

public sealed record ExportSummary(int Articles, int Highlights, int Orphans);

/// <summary>
/// Streams one reader's notes into an export writer: articles in import order, each one's
/// highlights in reading order straight from the database (the index on user, article, start
/// block and offset gives that order), so memory stays flat however many highlights there are.
/// Four queries stream side by side in one snapshot (<see cref="SideBySideReads"/>): the articles
/// (with their current text and note), the reader's article tags, the highlights, and the
/// highlights' tags, each in the same order so they are merged as they come. No query per
/// article or per highlight.
/// </summary>
public sealed class NotesExporter(AppDb db, TimeProvider clock, IServiceScopeFactory scopes)
{
    private sealed record ArticleRow(int Id, string Slug, string Title, List<string> Authors, DateOnly? PublishedOn, string? Source,
        int CurrentRevisionId, string? BlocksJson, string? Note, DateTime? NoteCreatedAt, DateTime? NoteUpdatedAt);

    private sealed record ArticleTagRow(int ArticleId, string Name);

    private sealed record HighlightRow(Guid Id, int ArticleId, int RevisionId, string StartAnchor, int StartOffset,
        string EndAnchor, int EndOffset, string Exact, string Prefix, string Suffix, string Color, string Note,
        bool IsOrphan, DateTime CreatedAt, DateTime UpdatedAt);

    private sealed record TagRow(Guid HighlightId, string Name);

    private sealed record CurrentArticle(int Id, ExportArticle Export, int RevisionId, ArticleText Text, CodePointOffsets CodePoints);

    public Task<int?> FindArticleAsync(string slug, CancellationToken ct) =>
        db.Articles.AsNoTracking().Where(a => a.Slug == slug).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// An export's moment, to the whole second: two downloads made at the same moment (the zip's
    /// notes files and the single ones) are byte for byte the same.
    /// </summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    public static string ExportUrl(ExportRequest request) =>
        $"{request.BaseUrl.TrimEnd('/')}/export?format={ExportFormats.Name(request.Format)}"
        + (request.ArticleSlug is null ? "" : "&article=" + Uri.EscapeDataString(request.ArticleSlug));

    /// <summary>Writes the export to <paramref name="output"/>; null (and nothing written) when the article does not exist.</summary>
    public async Task<ExportSummary?> ExportAsync(ExportRequest request, Stream output, CancellationToken ct)
    {
        int? articleId = null;
        if (request.ArticleSlug is { } slug)
        {
            articleId = await FindArticleAsync(slug, ct);
            if (articleId is null)
            {
                return null;
            }
        }

        var userId = request.UserId;
        var baseUrl = request.BaseUrl.TrimEnd('/');
        var creator = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => u.Email ?? u.UserName ?? u.Id).SingleAsync(ct);
        var labels = await ColorLabels.ForUserAsync(db, userId, ct);

        await using var streams = await SideBySideReads.BeginAsync(db, scopes, 4, ct);
        var (articlesDb, articleTagsDb, highlightsDb, tagsDb) = (streams[0], streams[1], streams[2], streams[3]);
        var articleQuery = articlesDb.Articles.AsNoTracking();
        articleQuery = articleId is { } only
            ? articleQuery.Where(a => a.Id == only)
            : articleQuery.Where(a => articlesDb.Highlights.Any(h => h.UserId == userId && h.ArticleId == a.Id)
                || articlesDb.ArticleNotes.Any(n => n.UserId == userId && n.ArticleId == a.Id)
                || articlesDb.ArticleTags.Any(t => t.UserId == userId && t.ArticleId == a.Id));
        // A deleted article has no revision: its row still names it, and its highlights are detached.
        await using var articleRows = (
            from a in articleQuery
            from r in articlesDb.ArticleRevisions.Where(r => r.Id == a.CurrentRevisionId).DefaultIfEmpty()
            from n in articlesDb.ArticleNotes.Where(n => n.UserId == userId && n.ArticleId == a.Id).DefaultIfEmpty()
            orderby a.Id
            select new ArticleRow(a.Id, a.Slug, a.Title, a.Authors, a.PublishedOn, a.Source, a.CurrentRevisionId, r == null ? null : r.BlocksJson,
                n == null ? null : n.Note, n == null ? null : n.CreatedAt, n == null ? null : n.UpdatedAt))
            .AsAsyncEnumerable().WithCancellation(ct).GetAsyncEnumerator();
        // The reader's tags on articles, in the articles' order: merged in as each article starts.
        var articleTagQuery = articleTagsDb.ArticleTags.AsNoTracking().Where(t => t.UserId == userId);
        if (articleId is { } tagged)
        {
            articleTagQuery = articleTagQuery.Where(t => t.ArticleId == tagged);
        }

        await using var articleTags = new ArticleTagReader(articleTagQuery.OrderBy(t => t.ArticleId).ThenBy(t => t.Name)
            .Select(t => new ArticleTagRow(t.ArticleId, t.Name)).AsAsyncEnumerable().GetAsyncEnumerator(ct));

        IQueryable<Highlight> HighlightsIn(AppDb context)
        {
            var query = context.Highlights.AsNoTracking().Where(h => h.UserId == userId);
            return articleId is { } one ? query.Where(h => h.ArticleId == one) : query;
        }

        var ordered = HighlightsIn(highlightsDb)
            .OrderBy(h => h.ArticleId).ThenBy(h => h.StartBlock).ThenBy(h => h.StartOffset).ThenBy(h => h.CreatedAt).ThenBy(h => h.Id);
        var rows = ordered
            .Select(h => new HighlightRow(h.Id, h.ArticleId, h.RevisionId, h.StartAnchor, h.StartOffset, h.EndAnchor, h.EndOffset,
                h.Exact, h.Prefix, h.Suffix, h.Color, h.Note, h.IsOrphan, h.CreatedAt, h.UpdatedAt))
            .AsAsyncEnumerable();
        // The same order, then by name: a highlight's tags come just where the highlight does.
        await using var tagRows = (
            from h in HighlightsIn(tagsDb)
            join t in tagsDb.HighlightTags on h.Id equals t.HighlightId
            orderby h.ArticleId, h.StartBlock, h.StartOffset, h.CreatedAt, h.Id, t.Name
            select new TagRow(h.Id, t.Name))
            .AsAsyncEnumerable().WithCancellation(ct).GetAsyncEnumerator();

        var hasTag = await tagRows.MoveNextAsync();
        var hasArticle = await articleRows.MoveNextAsync();
        await articleTags.StartAsync();

        await using var writer = ExportFormats.CreateWriter(request.Format, output);
        await writer.BeginAsync(new ExportHeader(ExportUrl(request), creator, request.At ?? Now(clock), request.ArticleSlug is not null), ct);

        CurrentArticle? current = null;
        int articleCount = 0, highlights = 0, orphans = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            List<string> rowTags = [];
            while (hasTag && tagRows.Current.HighlightId == row.Id)
            {
                rowTags.Add(tagRows.Current.Name);
                hasTag = await tagRows.MoveNextAsync();
            }

            while (current?.Id != row.ArticleId && hasArticle && articleRows.Current.Id <= row.ArticleId)
            {
                current = await StartArticleAsync(articleRows.Current, await articleTags.ForAsync(articleRows.Current.Id), baseUrl, writer, ct);
                articleCount++;
                hasArticle = await articleRows.MoveNextAsync();
            }

            if (current?.Id != row.ArticleId)
            {
                // Highlighted after the export began, on an article it had not listed: the next export has it.
                continue;
            }

            var highlight = ToExport(row, rowTags, current, labels);
            await writer.HighlightAsync(current.Export, highlight, ct);
            highlights++;
            orphans += highlight.IsOrphan ? 1 : 0;
        }

        while (hasArticle)
        {
            await StartArticleAsync(articleRows.Current, await articleTags.ForAsync(articleRows.Current.Id), baseUrl, writer, ct);
            articleCount++;
            hasArticle = await articleRows.MoveNextAsync();
        }

        await writer.EndAsync(ct);
        return new ExportSummary(articleCount, highlights, orphans);
    }

    /// <summary>
    /// The article's text is read here, not through the reading view's revision cache: an export
    /// reads each article once, and would only push the pages readers are reading out of it.
    /// </summary>
    private static async Task<CurrentArticle> StartArticleAsync(ArticleRow row, IReadOnlyList<string> tags, string baseUrl, IExportWriter writer,
        CancellationToken ct)
    {
        var text = new ArticleText(row.BlocksJson is null ? [] : StoredBlocks.Deserialize(row.BlocksJson));
        var note = row.Note is { } noteText
            ? new ExportArticleNote(ArticleNoteId(row.Slug, row.NoteCreatedAt!.Value), noteText, row.NoteCreatedAt.Value, row.NoteUpdatedAt!.Value)
            : null;
        var article = new ExportArticle(row.Slug, row.Title, row.Authors, row.PublishedOn, row.Source, $"{baseUrl}/articles/{row.Slug}", note,
            tags, Deleted: row.BlocksJson is null);
        await writer.ArticleAsync(article, ct);
        return new CurrentArticle(row.Id, article, row.CurrentRevisionId, text, new CodePointOffsets(text.Text));
    }

    /// <summary>
    /// An article note has no id of its own: one from what survives a restore (the article and
    /// when the note was written), so exports before and after a restore name it alike.
    /// </summary>
    private static Guid ArticleNoteId(string slug, DateTime createdAt) =>
        StableIds.From("article-note", slug, createdAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A highlight placed by the reading view's own test (<see cref="HighlightPlacement"/>) is exported with its place; any other as an orphan.</summary>
    private static ExportHighlight ToExport(HighlightRow row, List<string> tags, CurrentArticle article, IReadOnlyDictionary<string, string> labels)
    {
        var text = article.Text;
        ExportPlace? place = null;
        if (HighlightPlacement.Locate(row.IsOrphan, row.RevisionId, article.RevisionId, text,
            row.StartAnchor, row.StartOffset, row.EndAnchor, row.EndOffset, row.Exact) is var (start, end))
        {
            place = new ExportPlace(ArticleText.ParagraphNumber(text.BlockIndex(row.StartAnchor)!.Value),
                article.CodePoints.ToCodePoints(start), article.CodePoints.ToCodePoints(end));
        }

        return new ExportHighlight(row.Id, row.Exact, row.Prefix, row.Suffix, row.Color, labels.GetValueOrDefault(row.Color),
            row.Note, tags, row.CreatedAt, row.UpdatedAt, place);
    }

    /// <summary>The reader's article tags, streamed in article order: each article takes its own as it starts.</summary>
    private sealed class ArticleTagReader(IAsyncEnumerator<ArticleTagRow> rows) : IAsyncDisposable
    {
        private bool _has;

        public async Task StartAsync() => _has = await rows.MoveNextAsync();

        public async Task<IReadOnlyList<string>> ForAsync(int articleId)
        {
            while (_has && rows.Current.ArticleId < articleId)
            {
                _has = await rows.MoveNextAsync();
            }

            List<string> tags = [];
            while (_has && rows.Current.ArticleId == articleId)
            {
                tags.Add(rows.Current.Name);
                _has = await rows.MoveNextAsync();
            }

            return tags;
        }

        public ValueTask DisposeAsync() => rows.DisposeAsync();
    }
}
