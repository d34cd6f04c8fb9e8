using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsReader.Anchoring;
using NewsReader.Articles.Parsing;
using NewsReader.Data;

namespace NewsReader.Articles;

public enum ImportOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,
}

public sealed record ImportResult(
    string Source,
    ImportOutcome Outcome,
    string? Slug = null,
    string? Title = null,
    string? Error = null,
    ReanchorReport? Reanchored = null)
{
    public string? Path => Slug is null ? null : $"/articles/{Slug}";

    public static ImportResult Failure(string source, string error) => new(source, ImportOutcome.Failed, Error: error);
}

/// <summary>
/// The one importer behind the CLI, the import page and the sample seed. Each article is stored
/// whole or not at all (one transaction); identical content is never stored twice; a changed
/// file with the same name becomes a new revision and its highlights are re-anchored.
/// </summary>
public sealed class ArticleImporter(AppDb db, IOptions<NewsReaderOptions> options, HighlightReanchoring reanchoring, TimeProvider clock)
{
    public static readonly string[] SupportedExtensions = [".txt", ".md", ".markdown"];

    public long MaxFileBytes => options.Value.Import.MaxFileBytes;

    public static ArticleFormat? FormatFor(string fileName) =>
        System.IO.Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".txt" => ArticleFormat.WireText,
            ".md" or ".markdown" => ArticleFormat.Markdown,
            _ => null,
        };

    public async Task<ImportResult> ImportFileAsync(string path, CancellationToken ct)
    {
        var name = System.IO.Path.GetFileName(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return ImportResult.Failure(path, Directory.Exists(path) ? "is a folder, not a file" : "no such file");
            }

            if (info.Length > MaxFileBytes)
            {
                return ImportResult.Failure(path, TooLarge(info.Length));
            }

            // Read synchronously: a small file is in the page cache, and an async read would send
            // each article's whole store to another thread-pool thread.
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ImportResult.Failure(path, $"cannot read the file: {e.Message}");
        }

        var result = await ImportAsync(name, bytes, FormatFor(name), ct);
        return result with { Source = path };
    }

    public async Task<ImportResult> ImportAsync(string sourceName, ReadOnlyMemory<byte> bytes, ArticleFormat? format, CancellationToken ct)
    {
        if (format is null)
        {
            return ImportResult.Failure(sourceName,
                $"unsupported file type '{System.IO.Path.GetExtension(sourceName)}' (expected .txt for wire text or .md for Markdown)");
        }

        if (bytes.Length > MaxFileBytes)
        {
            return ImportResult.Failure(sourceName, TooLarge(bytes.Length));
        }

        string text;
        try
        {
            text = TextDecoder.Decode(bytes.Span);
        }
        catch (ArticleFormatException e)
        {
            return ImportResult.Failure(sourceName, e.Message);
        }

        return await ImportTextAsync(sourceName, text, format.Value, ct);
    }

    public async Task<ImportResult> ImportTextAsync(string sourceName, string text, ArticleFormat format, CancellationToken ct)
    {
        text = TextDecoder.NormalizeLineEndings(text).TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            return ImportResult.Failure(sourceName, "empty file: no text to import");
        }

        ParsedArticle parsed;
        try
        {
            parsed = format == ArticleFormat.Markdown ? MarkdownArticleParser.Parse(text) : WireTextParser.Parse(text);
        }
        catch (ArticleFormatException e)
        {
            return ImportResult.Failure(sourceName, e.Message);
        }

        try
        {
            // A savepoint per SaveChanges only helps a caller that carries on after a failed
            // save; here any failure rolls the whole article back.
            db.Database.AutoSavepointsEnabled = false;
            return await StoreAsync(sourceName, text, format, parsed, ct);
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The transaction rolled back: nothing of this article is stored, and a batch goes on.
            return ImportResult.Failure(sourceName, $"could not store the article: {(e.InnerException ?? e).Message}");
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    /// <summary>
    /// One transaction, and as few statements as it takes: one lookup answers "is this file
    /// known, is this text known, is this slug taken", then the inserts, then the pointer to the
    /// new revision. A new article costs five statements besides BEGIN and COMMIT.
    /// </summary>
    private async Task<ImportResult> StoreAsync(string sourceName, string text, ArticleFormat format, ParsedArticle parsed, CancellationToken ct)
    {
        var hash = ContentHash(text);
        var blocks = StoredBlocks.FromParsed(parsed.Blocks);
        var now = clock.GetUtcNow().UtcDateTime;
        var slug = Slugs.FromTitle(parsed.Title);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var known = await db.Articles.AsNoTracking()
            .Where(a => a.SourceName == sourceName || a.ContentHash == hash || a.Slug == slug)
            .Select(a => new KnownArticle(a.Id, a.SourceName, a.ContentHash, a.Slug, a.Title))
            .ToListAsync(ct);

        Article article;
        if (known.Find(a => a.SourceName == sourceName) is { } same)
        {
            if (same.ContentHash == hash)
            {
                return new ImportResult(sourceName, ImportOutcome.Unchanged, same.Slug, same.Title);
            }

            article = await db.Articles.SingleAsync(a => a.Id == same.Id, ct);
        }
        else if (known.Find(a => a.ContentHash == hash) is { } duplicate)
        {
            return new ImportResult(sourceName, ImportOutcome.Unchanged, duplicate.Slug, duplicate.Title);
        }
        else
        {
            article = new Article
            {
                Slug = known.Exists(a => a.Slug == slug) ? await UniqueSlugAsync(slug, ct) : slug,
                SourceName = sourceName,
                Title = parsed.Title,
                ContentHash = hash,
                ImportedAt = now,
            };
            db.Articles.Add(article);
        }

        var isNew = article.Id == 0;
        article.Title = parsed.Title;
        article.Authors = [.. parsed.Authors];
        article.PublishedOn = parsed.PublishedOn;
        article.SortDate = parsed.PublishedOn ?? DateOnly.FromDateTime(isNew ? now : article.ImportedAt);
        article.Source = parsed.Source;
        article.Place = parsed.Place;
        article.Format = format;
        article.WordCount = ReadingTime.CountWords(blocks.Select(b => b.Text));
        article.ContentHash = hash;
        article.UpdatedAt = now;
        var previousRevisionId = article.CurrentRevisionId;
        article.RevisionNumber++;

        var revision = new ArticleRevision
        {
            Number = article.RevisionNumber,
            ContentHash = hash,
            SourceText = text,
            BlocksJson = StoredBlocks.Serialize(blocks),
            CreatedAt = now,
        };
        article.Revisions.Add(revision);
        await db.SaveChangesAsync(ct);

        // The revision's id exists only now; one UPDATE, without another round of change tracking.
        await db.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CurrentRevisionId, revision.Id), ct);
        article.CurrentRevisionId = revision.Id;

        ReanchorReport? report = null;
        if (!isNew)
        {
            report = await reanchoring.ReanchorAsync(article.Id, previousRevisionId, revision.Id, blocks, ct);
        }

        await transaction.CommitAsync(ct);
        return new ImportResult(sourceName, isNew ? ImportOutcome.Created : ImportOutcome.Updated, article.Slug, article.Title, Reanchored: report);
    }

    private sealed record KnownArticle(int Id, string SourceName, string ContentHash, string Slug, string Title);

    /// <summary>The first of slug-2, slug-3… not taken (the plain slug is, or this is not called).</summary>
    private async Task<string> UniqueSlugAsync(string slug, CancellationToken ct)
    {
        var n = 2;
        while (await db.Articles.AnyAsync(a => a.Slug == $"{slug}-{n}", ct))
        {
            n++;
        }

        return $"{slug}-{n}";
    }

    public string TooLarge(long length) =>
        $"file is {length / 1024.0 / 1024.0:0.0} MB, over the import limit of {MaxFileBytes / 1024.0 / 1024.0:0.#} MB (NewsReader:Import:MaxFileBytes)";

    public static string ContentHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
