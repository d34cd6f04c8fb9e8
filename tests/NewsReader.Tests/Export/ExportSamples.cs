using System.Text;
using NewsReader.Export;

namespace NewsReader.Tests.Export;

/// <summary>Hand-made export input for the writers' unit tests, and a way to run a writer to text.</summary>
public static class ExportSamples
{
    public static readonly DateTime Created = new(2025, 3, 14, 9, 26, 53, 123, DateTimeKind.Utc);

    public static ExportArticle Article(string title = "Night trains return", string? note = null, string[]? tags = null) => new(
        "night-trains", title, ["Hanna Berger", "Luca Moretti"], new DateOnly(2024, 10, 20), "Rail Weekly",
        "https://notes.example.org/articles/night-trains",
        note is null ? null : new ExportArticleNote(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), note, Created, Created.AddMinutes(5)),
        tags ?? []);

    public static ExportHighlight Highlight(string exact, string note = "", string[]? tags = null, ExportPlace? place = null,
        string color = "yellow", string? label = null, Guid? id = null) =>
        new(id ?? Guid.CreateVersion7(), exact, "before ", " after", color, label, note, tags ?? [], Created, Created.AddSeconds(90),
            place ?? new ExportPlace(3, 10, 10 + exact.EnumerateRunes().Count()));

    public static ExportHighlight Orphan(string exact, string note = "") => Highlight(exact, note) with { Place = null };

    public static ExportHeader Header(bool singleArticle = false) =>
        new("https://notes.example.org/export?format=jsonld", "reader@example.com", Created.AddDays(1), singleArticle);

    /// <summary>Runs a writer over the given articles and their highlights and returns what it wrote.</summary>
    public static async Task<string> WriteAsync(ExportFormat format, params (ExportArticle Article, ExportHighlight[] Highlights)[] articles)
    {
        using var output = new MemoryStream();
        await using (var writer = ExportFormats.CreateWriter(format, output))
        {
            var ct = TestContext.Current.CancellationToken;
            await writer.BeginAsync(Header(articles.Length == 1), ct);
            foreach (var (article, highlights) in articles)
            {
                await writer.ArticleAsync(article, ct);
                foreach (var highlight in highlights)
                {
                    await writer.HighlightAsync(article, highlight, ct);
                }
            }

            await writer.EndAsync(ct);
        }

        var bytes = output.ToArray();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "exports carry no byte order mark");
        return Encoding.UTF8.GetString(bytes);
    }
}
