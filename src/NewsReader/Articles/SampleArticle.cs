namespace NewsReader.Articles;

/// <summary>The bundled sample article, so a fresh install does not open on an empty library.</summary>
public static class SampleArticle
{
    public const string SourceName = "newsreader-sample.txt";

    public static async Task<ImportResult> AddAsync(ArticleImporter importer, CancellationToken ct)
    {
        await using var stream = typeof(SampleArticle).Assembly.GetManifestResourceStream("NewsReader.Articles.Sample." + SourceName)
            ?? throw new InvalidOperationException("The sample article is missing from the build.");
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, ct);
        return await importer.ImportAsync(SourceName, memory.ToArray(), ArticleFormat.WireText, ct);
    }
}
