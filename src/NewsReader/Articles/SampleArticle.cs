using Microsoft.Data.Sqlite;
using NewsReader.Articles.Import;
using NewsReader.Articles.Parsing;

namespace NewsReader.Articles;

/// <summary>The bundled sample article, so a fresh install does not open on an empty library.</summary>
public static class SampleArticle
{
    public const string SourceName = "newsreader-sample.txt";

    /// <summary>Stores it in a database being created, in the transaction that creates the schema (DatabaseSchema).</summary>
    public static void AddTo(SqliteConnection connection, SqliteTransaction transaction, DateTime now) =>
        Created(ArticleImporter.StoreNew(connection, transaction, SourceName, Text(), ArticleFormat.WireText, now));

    /// <summary>Stores it through the importer (PostgreSQL: after the schema, in a transaction of its own).</summary>
    public static async Task AddToAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        Created(await scope.ServiceProvider.GetRequiredService<ArticleImporter>().ImportTextAsync(SourceName, Text(), ArticleFormat.WireText, ct));
    }

    private static string Text()
    {
        using var stream = typeof(SampleArticle).Assembly.GetManifestResourceStream("NewsReader.Articles.Sample." + SourceName)
            ?? throw new InvalidOperationException("The sample article is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return TextDecoder.Decode(memory.ToArray());
    }

    private static void Created(ImportResult result)
    {
        if (result.Outcome != ImportOutcome.Created)
        {
            throw new InvalidOperationException($"The sample article did not import: {result.Error}");
        }
    }
}
