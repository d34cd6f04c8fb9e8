using Microsoft.EntityFrameworkCore;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Data;

namespace NewsReader.Export;

/// <summary>Whose notes, in which format, of one article or all; <c>BaseUrl</c> (the request's host, or NewsReader:PublicUrl) starts every absolute URL.</summary>
public sealed record ExportRequest(string UserId, ExportFormat Format, string? ArticleSlug, string BaseUrl);

public sealed record ExportSummary(int Articles, int Highlights, int Orphans);

/// <summary>
/// Streams one reader's notes into an export writer: articles in import order, each one's
/// highlights in reading order straight from the database (the index on user, article, start
/// block and offset gives that order), so memory stays flat however many highlights there are.
/// </summary>
public sealed class NotesExporter(AppDb db, RevisionCache revisions, TimeProvider clock)
{
    private sealed record ArticleRow(int Id, string Slug, string Title, List<string> Authors, DateOnly? PublishedOn, string? Source, int CurrentRevisionId);

    private sealed record HighlightRow(Guid Id, int ArticleId, int RevisionId, string StartAnchor, int StartOffset,
        string EndAnchor, int EndOffset, string Exact, string Prefix, string Suffix, string Color, string Note,
        bool IsOrphan, DateTime CreatedAt, DateTime UpdatedAt, List<string> Tags);

    private sealed record CurrentArticle(int Id, ExportArticle Export, RevisionContent Revision, CodePointOffsets CodePoints);

    public Task<int?> FindArticleAsync(string slug, CancellationToken ct) =>
        db.Articles.AsNoTracking().Where(a => a.Slug == slug).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);

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

        // Articles are few next to highlights: their headers are loaded, the highlights streamed.
        var articleQuery = db.Articles.AsNoTracking();
        articleQuery = articleId is { } only
            ? articleQuery.Where(a => a.Id == only)
            : articleQuery.Where(a => db.Highlights.Any(h => h.UserId == userId && h.ArticleId == a.Id)
                || db.ArticleNotes.Any(n => n.UserId == userId && n.ArticleId == a.Id));
        var articles = await articleQuery.OrderBy(a => a.Id)
            .Select(a => new ArticleRow(a.Id, a.Slug, a.Title, a.Authors, a.PublishedOn, a.Source, a.CurrentRevisionId))
            .ToListAsync(ct);

        var highlightQuery = db.Highlights.AsNoTracking().Where(h => h.UserId == userId);
        if (articleId is { } one)
        {
            highlightQuery = highlightQuery.Where(h => h.ArticleId == one);
        }

        var rows = highlightQuery
            .OrderBy(h => h.ArticleId).ThenBy(h => h.StartBlock).ThenBy(h => h.StartOffset).ThenBy(h => h.CreatedAt).ThenBy(h => h.Id)
            .Select(h => new HighlightRow(h.Id, h.ArticleId, h.RevisionId, h.StartAnchor, h.StartOffset, h.EndAnchor, h.EndOffset,
                h.Exact, h.Prefix, h.Suffix, h.Color, h.Note, h.IsOrphan, h.CreatedAt, h.UpdatedAt,
                h.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList()))
            .AsAsyncEnumerable();

        await using var writer = ExportFormats.CreateWriter(request.Format, output);
        await writer.BeginAsync(new ExportHeader(ExportUrl(request), creator, clock.GetUtcNow().UtcDateTime, request.ArticleSlug is not null), ct);

        var next = 0;
        CurrentArticle? current = null;
        int highlights = 0, orphans = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            while (current?.Id != row.ArticleId && next < articles.Count && articles[next].Id <= row.ArticleId)
            {
                current = await StartArticleAsync(articles[next++], userId, baseUrl, writer, ct);
            }

            if (current?.Id != row.ArticleId)
            {
                // Highlighted after the export began, on an article it had not listed: the next export has it.
                continue;
            }

            var highlight = ToExport(row, current, labels);
            await writer.HighlightAsync(current.Export, highlight, ct);
            highlights++;
            orphans += highlight.IsOrphan ? 1 : 0;
        }

        while (next < articles.Count)
        {
            await StartArticleAsync(articles[next++], userId, baseUrl, writer, ct);
        }

        await writer.EndAsync(ct);
        return new ExportSummary(articles.Count, highlights, orphans);
    }

    private async Task<CurrentArticle> StartArticleAsync(ArticleRow row, string userId, string baseUrl, IExportWriter writer, CancellationToken ct)
    {
        var revision = await revisions.GetAsync(row.CurrentRevisionId, ct);
        var note = await db.ArticleNotes.AsNoTracking()
            .Where(n => n.UserId == userId && n.ArticleId == row.Id)
            .Select(n => new ExportArticleNote(Guid.Empty, n.Note, n.CreatedAt, n.UpdatedAt))
            .FirstOrDefaultAsync(ct);
        var article = new ExportArticle(row.Slug, row.Title, row.Authors, row.PublishedOn, row.Source,
            $"{baseUrl}/articles/{row.Slug}", note is null ? null : note with { Id = ArticleNoteId(row.Slug, note.CreatedAt) });
        await writer.ArticleAsync(article, ct);
        return new CurrentArticle(row.Id, article, revision, new CodePointOffsets(revision.Text.Text));
    }

    /// <summary>
    /// An article note has no id of its own: one from what survives a restore (the article and
    /// when the note was written), so exports before and after a restore name it alike.
    /// </summary>
    private static Guid ArticleNoteId(string slug, DateTime createdAt) =>
        StableIds.From("article-note", slug, createdAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// A highlight is placed when it is on the current revision and its stored quote is still
    /// exactly there, the same test the reading view makes; otherwise it is exported as an orphan.
    /// </summary>
    private static ExportHighlight ToExport(HighlightRow row, CurrentArticle article, IReadOnlyDictionary<string, string> labels)
    {
        var text = article.Revision.Text;
        ExportPlace? place = null;
        if (!row.IsOrphan && row.RevisionId == article.Revision.Id
            && text.ToOffset(row.StartAnchor, row.StartOffset) is { } start
            && text.ToOffset(row.EndAnchor, row.EndOffset) is { } end
            && end > start
            && string.Equals(text.Slice(start, end), row.Exact, StringComparison.Ordinal))
        {
            place = new ExportPlace(ArticleText.ParagraphNumber(text.BlockIndex(row.StartAnchor)!.Value),
                article.CodePoints.ToCodePoints(start), article.CodePoints.ToCodePoints(end));
        }

        return new ExportHighlight(row.Id, row.Exact, row.Prefix, row.Suffix, row.Color, labels.GetValueOrDefault(row.Color),
            row.Note, row.Tags, row.CreatedAt, row.UpdatedAt, place);
    }
}
