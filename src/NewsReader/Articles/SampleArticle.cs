using Microsoft.Data.Sqlite;
using NewsReader.Articles.Import;
using NewsReader.Articles.Parsing;

namespace NewsReader.Articles;

/// <summary>The bundled sample article, so a fresh install does not open on an empty library.</summary>
public static class SampleArticle
{
    public const string SourceName = "newsreader-sample.txt";

    /// <summary>Stores it in a database being created, in the transaction that creates the schema (DatabaseSchema).</summary>
    public static ImportResult AddTo(SqliteConnection connection, SqliteTransaction transaction, DateTime now)
    {
        using var stream = typeof(SampleArticle).Assembly.GetManifestResourceStream("NewsReader.Articles.Sample." + SourceName)
            ?? throw new InvalidOperationException("The sample article is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var result = ArticleImporter.StoreNew(connection, transaction, SourceName, TextDecoder.Decode(memory.ToArray()), ArticleFormat.WireText, now);
        return result.Outcome == ImportOutcome.Created ? result : throw new InvalidOperationException($"The sample article did not import: {result.Error}");
    }
}
