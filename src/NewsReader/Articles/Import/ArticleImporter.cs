using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NewsReader.Articles.Parsing;

namespace NewsReader.Articles.Import;

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
public sealed class ArticleImporter(AppDb db, IOptions<NewsReaderOptions> options, IRevisionListener revisions, TimeProvider clock) : IDisposable
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

    public Task<ImportResult> ImportFileAsync(string path, CancellationToken ct) => StoreAloneAsync(ReadFile(path), ct);

    public Task<ImportResult> ImportAsync(string sourceName, ReadOnlyMemory<byte> bytes, ArticleFormat? format, CancellationToken ct) =>
        StoreAloneAsync(Decode(sourceName, bytes, format), ct);

    public Task<ImportResult> ImportTextAsync(string sourceName, string text, ArticleFormat format, CancellationToken ct) =>
        StoreAloneAsync(Parse(sourceName, text, format), ct);

    /// <summary>
    /// Many files (the CLI): the articles of a batch share one transaction, so a thousand
    /// articles are not a thousand commits, and each result is returned only after its batch is
    /// committed. If storing any of them fails, the batch is rolled back whole and stored again
    /// one article per transaction, so a bad article still fails alone and nothing reported as
    /// stored is missing.
    /// </summary>
    public async Task<IReadOnlyList<ImportResult>> ImportFilesAsync(IReadOnlyList<string> paths, CancellationToken ct)
    {
        var results = new ImportResult[paths.Count];
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                for (var i = 0; i < paths.Count; i++)
                {
                    // One file in memory at a time: a batch of large files must not hold them all.
                    var prepared = ReadFile(paths[i]);
                    results[i] = prepared.Failed ?? await StoreAsync(prepared, ct);
                    db.ChangeTracker.Clear();
                }

                await transaction.CommitAsync(ct);
            }

            return results;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            db.ChangeTracker.Clear();
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
        }

        for (var i = 0; i < paths.Count; i++)
        {
            results[i] = await ImportFileAsync(paths[i], ct);
        }

        return results;
    }

    /// <summary>An article ready to store (text and parse), or why it cannot be.</summary>
    /// <remarks><see cref="Name"/> is what the article is known by (a file's name); <see cref="Source"/>, what results show (its path).</remarks>
    private sealed record Prepared(string Name, string Text = "", ArticleFormat Format = default, ParsedArticle? Article = null, ImportResult? Failed = null)
    {
        public string Source { get; init; } = Name;

        public static Prepared Failure(string source, string error) => new(source, Failed: ImportResult.Failure(source, error));
    }

    private Prepared ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Prepared.Failure(path, Directory.Exists(path) ? "is a folder, not a file" : "no such file");
            }

            if (info.Length > MaxFileBytes)
            {
                return Prepared.Failure(path, TooLarge(info.Length));
            }

            // Read synchronously: a small file is in the page cache, and an async read would send
            // each article's whole store to another thread-pool thread.
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Prepared.Failure(path, $"cannot read the file: {e.Message}");
        }

        var name = System.IO.Path.GetFileName(path);
        var prepared = Decode(name, bytes, FormatFor(name));
        return prepared with { Source = path, Failed = prepared.Failed is { } failed ? failed with { Source = path } : null };
    }

    private Prepared Decode(string sourceName, ReadOnlyMemory<byte> bytes, ArticleFormat? format)
    {
        if (format is null)
        {
            return Prepared.Failure(sourceName,
                $"unsupported file type '{System.IO.Path.GetExtension(sourceName)}' (expected .txt for wire text or .md for Markdown)");
        }

        if (bytes.Length > MaxFileBytes)
        {
            return Prepared.Failure(sourceName, TooLarge(bytes.Length));
        }

        try
        {
            return Parse(sourceName, TextDecoder.Decode(bytes.Span), format.Value);
        }
        catch (ArticleFormatException e)
        {
            return Prepared.Failure(sourceName, e.Message);
        }
    }

    private static Prepared Parse(string sourceName, string text, ArticleFormat format)
    {
        text = TextDecoder.NormalizeLineEndings(text).TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            return Prepared.Failure(sourceName, "empty file: no text to import");
        }

        try
        {
            return new Prepared(sourceName, text, format, format == ArticleFormat.Markdown ? MarkdownArticleParser.Parse(text) : WireTextParser.Parse(text));
        }
        catch (ArticleFormatException e)
        {
            return Prepared.Failure(sourceName, e.Message);
        }
    }

    /// <summary>One article, one transaction: stored whole or not at all.</summary>
    private async Task<ImportResult> StoreAloneAsync(Prepared prepared, CancellationToken ct)
    {
        if (prepared.Failed is { } failed)
        {
            return failed;
        }

        try
        {
            // A savepoint per SaveChanges only helps a caller that carries on after a failed
            // save; here any failure rolls the whole article back.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await StoreAsync(prepared, ct);
            await transaction.CommitAsync(ct);
            return result;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // The transaction rolled back: nothing of this article is stored, and a batch goes on.
            return ImportResult.Failure(prepared.Source, $"could not store the article: {(e.InnerException ?? e).Message}");
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.Database.AutoSavepointsEnabled = true;
        }
    }

    /// <summary>
    /// Inside the caller's transaction, and as few statements as it takes: one lookup answers "is
    /// this file known, is this text known, is this slug taken", then the inserts, then the
    /// pointer to the new revision: a new article is a lookup, two inserts and an update.
    /// </summary>
    private async Task<ImportResult> StoreAsync(Prepared prepared, CancellationToken ct)
    {
        var (sourceName, text, parsed) = (prepared.Name, prepared.Text, prepared.Article!);
        var hash = ContentHash(text);
        var blocks = StoredBlocks.FromParsed(parsed.Blocks);
        var now = clock.GetUtcNow().UtcDateTime;
        var slug = Slugs.FromTitle(parsed.Title);

        // SQLite: prepared statements on EF Core's connection (NewArticleRows); elsewhere EF Core.
        var rows = db.Database.IsSqlite() ? NewArticleRows.For(db, ref _rows) : null;
        var known = rows?.Find(sourceName, hash, slug) ?? await db.Articles
            .Where(a => a.SourceName == sourceName || a.ContentHash == hash || a.Slug == slug)
            .Select(a => new KnownArticle(a.Id, a.SourceName, a.ContentHash, a.Slug, a.Title))
            .ToListAsync(ct);

        Article article;
        if (known.Find(a => a.SourceName == sourceName) is { } same)
        {
            if (same.ContentHash == hash)
            {
                return new ImportResult(prepared.Source, ImportOutcome.Unchanged, same.Slug, same.Title);
            }

            article = await db.Articles.SingleAsync(a => a.Id == same.Id, ct);
        }
        else if (known.Find(a => a.ContentHash == hash) is { } duplicate)
        {
            return new ImportResult(prepared.Source, ImportOutcome.Unchanged, duplicate.Slug, duplicate.Title);
        }
        else
        {
            article = New(sourceName, parsed.Title, known.Exists(a => a.Slug == slug) ? await UniqueSlugAsync(slug, ct) : slug, hash, now);
        }

        var previousRevisionId = article.CurrentRevisionId;
        var revision = Revise(article, prepared, hash, blocks, now);
        var created = article.Id == 0;
        if (created && rows is not null)
        {
            rows.Insert(article, revision);
            return new ImportResult(prepared.Source, ImportOutcome.Created, article.Slug, article.Title);
        }

        if (created)
        {
            db.Articles.Add(article);
        }

        article.Revisions.Add(revision);
        await db.SaveChangesAsync(ct);

        // The revision's id exists only now; one UPDATE, without another round of change tracking.
        await db.Articles.Where(a => a.Id == article.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CurrentRevisionId, revision.Id), ct);
        article.CurrentRevisionId = revision.Id;
        if (created)
        {
            return new ImportResult(prepared.Source, ImportOutcome.Created, article.Slug, article.Title);
        }

        var report = await revisions.RevisedAsync(article.Id, previousRevisionId, revision.Id, blocks, ct);

        return new ImportResult(prepared.Source, ImportOutcome.Updated, article.Slug, article.Title, Reanchored: report);
    }

    /// <summary>
    /// Stores <paramref name="text"/> as a new article on a plain connection, inside the
    /// caller's transaction and without EF Core: the sample article, written with the schema of
    /// a database created just now (nothing there to compare with or re-anchor). The same rows
    /// as <see cref="ImportTextAsync"/> would write.
    /// </summary>
    internal static ImportResult StoreNew(SqliteConnection connection, SqliteTransaction transaction, string sourceName, string text, ArticleFormat format, DateTime now)
    {
        var prepared = Parse(sourceName, text, format);
        if (prepared.Failed is { } failed)
        {
            return failed;
        }

        var hash = ContentHash(prepared.Text);
        var article = New(sourceName, prepared.Article!.Title, Slugs.FromTitle(prepared.Article.Title), hash, now);
        var revision = Revise(article, prepared, hash, StoredBlocks.FromParsed(prepared.Article.Blocks), now);
        using var rows = NewArticleRows.On(connection, transaction);
        rows.Insert(article, revision);
        return new ImportResult(sourceName, ImportOutcome.Created, article.Slug, article.Title);
    }

    private static Article New(string sourceName, string title, string slug, string hash, DateTime now) =>
        new() { Slug = slug, SourceName = sourceName, Title = title, ContentHash = hash, ImportedAt = now };

    /// <summary>Sets the article's fields from its (new) text and makes its next revision.</summary>
    private static ArticleRevision Revise(Article article, Prepared prepared, string hash, IReadOnlyList<ArticleBlock> blocks, DateTime now)
    {
        var parsed = prepared.Article!;
        // An administrator's title stays until the file brings a headline of its own (a new one).
        if (article.Title == article.FileTitle || parsed.Title != article.FileTitle)
        {
            article.Title = parsed.Title;
        }

        article.FileTitle = parsed.Title;
        article.DeletedAt = null;
        article.Authors = [.. parsed.Authors];
        article.PublishedOn = parsed.PublishedOn;
        article.SortDate = parsed.PublishedOn ?? DateOnly.FromDateTime(article.Id == 0 ? now : article.ImportedAt);
        article.Source = parsed.Source;
        article.Place = parsed.Place;
        article.Format = prepared.Format;
        article.WordCount = ReadingTime.CountWords(blocks.Select(b => b.Text));
        article.ContentHash = hash;
        article.UpdatedAt = now;
        article.RevisionNumber++;
        return new ArticleRevision
        {
            Number = article.RevisionNumber,
            ContentHash = hash,
            SourceText = prepared.Text,
            BlocksJson = StoredBlocks.Serialize(blocks),
            CreatedAt = now,
        };
    }

    private NewArticleRows? _rows;

    public void Dispose() => _rows?.Dispose();

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
