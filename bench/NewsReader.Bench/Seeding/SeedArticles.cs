using System.Diagnostics;
using System.Text.Json;
using NewsReader.Articles;
using NewsReader.Articles.Import;
using NewsReader.Articles.Parsing;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Corpus;

namespace NewsReader.Bench.Seeding;

/// <summary>
/// <c>seed-articles --db PATH --total N [--seed S]</c>: fills the library up to N articles with
/// generated briefs, parsed and stored the way the importer stores them (blocks, anchors, hash,
/// one revision) but in one transaction, since importing 100,000 articles one by one would take
/// the whole bench's time. Safe while the app serves the same database (WAL).
/// </summary>
public static class SeedArticles
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var total = options.Int("total", 1_000);
        using var connection = BenchDb.Open(options.Required("db"));
        var clock = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        var existing = (int)BenchDb.Scalar(connection, "SELECT count(*) FROM Articles");
        var random = new Random(options.Int("seed", 1) + existing);
        var nextArticle = BenchDb.Scalar(connection, "SELECT coalesce(max(Id), 0) FROM Articles") + 1;
        var nextRevision = BenchDb.Scalar(connection, "SELECT coalesce(max(Id), 0) FROM ArticleRevisions") + 1;
        var now = BenchDb.Text(DateTime.UtcNow);
        using var articles = BenchDb.Insert(connection, transaction, "Articles", "Id", "Slug", "SourceName", "Title", "Authors", "PublishedOn",
            "SortDate", "Source", "Place", "Format", "WordCount", "CurrentRevisionId", "RevisionNumber", "ContentHash", "ImportedAt", "UpdatedAt");
        using var revisions = BenchDb.Insert(connection, transaction, "ArticleRevisions", "Id", "ArticleId", "Number", "ContentHash", "SourceText",
            "BlocksJson", "CreatedAt");

        for (var n = existing; n < total; n++, nextArticle++, nextRevision++)
        {
            // Numbers far above the page articles', so titles and slugs never collide with them.
            var text = WireArticles.Brief(random, 100_000 + n);
            var parsed = WireTextParser.Parse(text);
            var blocks = StoredBlocks.FromParsed(parsed.Blocks);
            var hash = ArticleImporter.ContentHash(text);
            var date = BenchDb.Text(parsed.PublishedOn!.Value);
            BenchDb.Run(articles, nextArticle, Slugs.FromTitle(parsed.Title), $"brief-{n}.txt", parsed.Title, JsonSerializer.Serialize(parsed.Authors),
                date, date, parsed.Source, parsed.Place, nameof(ArticleFormat.WireText), ReadingTime.CountWords(blocks.Select(b => b.Text)),
                nextRevision, 1, hash, now, now);
            BenchDb.Run(revisions, nextRevision, nextArticle, 1, hash, text, StoredBlocks.Serialize(blocks), now);
        }

        transaction.Commit();
        Console.WriteLine($"seed-articles: {existing:N0} -> {Math.Max(existing, total):N0} articles in {clock.Elapsed.TotalSeconds:0.0}s");
        return Task.FromResult(0);
    }
}
