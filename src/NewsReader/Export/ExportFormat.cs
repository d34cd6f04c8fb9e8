namespace NewsReader.Export;

public enum ExportFormat
{
    Markdown,
    JsonLd,
    Csv,
}

public static class ExportFormats
{
    public const string Names = "md, jsonld or csv";

    public static ExportFormat? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "md" or "markdown" => ExportFormat.Markdown,
        "jsonld" or "json-ld" => ExportFormat.JsonLd,
        "csv" => ExportFormat.Csv,
        _ => null,
    };

    /// <summary>The name <see cref="Parse"/> reads and the web and CLI take: md, jsonld, csv.</summary>
    public static string Name(ExportFormat format) => format switch
    {
        ExportFormat.Markdown => "md",
        ExportFormat.JsonLd => "jsonld",
        _ => "csv",
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Markdown => "text/markdown; charset=utf-8",
        // The profile is how the W3C Web Annotation Protocol names this JSON-LD.
        ExportFormat.JsonLd => "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"",
        _ => "text/csv; charset=utf-8; header=present",
    };

    public static string Extension(ExportFormat format) => "." + Name(format);

    /// <summary><c>{slug}-notes.md</c> for one article, <c>newsreader-notes-{date}.md</c> for everything.</summary>
    public static string FileName(ExportFormat format, string? articleSlug, DateTime exportedAt) =>
        (articleSlug is null
            ? "newsreader-notes-" + exportedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : articleSlug + "-notes") + Extension(format);

    public static IExportWriter CreateWriter(ExportFormat format, Stream output) => format switch
    {
        ExportFormat.Markdown => new MarkdownExport(output),
        ExportFormat.JsonLd => new JsonLdExport(output),
        _ => new CsvExport(output),
    };
}
