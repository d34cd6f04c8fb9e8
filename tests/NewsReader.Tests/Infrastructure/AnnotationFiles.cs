using System.Text;
using System.Text.Json;

namespace NewsReader.Tests.Infrastructure;

/// <summary>W3C annotation files written for tests: many highlights on one article, as another tool (or an export) would.</summary>
public static class AnnotationFiles
{
    /// <summary>
    /// <paramref name="count"/> highlights, each on one word of the article (cycling through its
    /// words), with a quote, a position, a note and an id, in a collection's first page.
    /// </summary>
    public static async Task<string> ManyHighlightsAsync(TestApp app, string slug, int count, string notePrefix = "note")
    {
        var text = (await app.ArticleTextAsync(slug)).Text;
        var words = new List<(int Start, int End)>();
        for (var i = 0; i < text.Length;)
        {
            while (i < text.Length && !char.IsLetter(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            if (i - start >= 4)
            {
                words.Add((start, i));
            }
        }

        var json = new StringBuilder(count * 400);
        json.Append("""{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[""");
        for (var n = 0; n < count; n++)
        {
            var (start, end) = words[n % words.Count];
            if (n > 0)
            {
                json.Append(',');
            }

            json.Append(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = $"urn:uuid:{IdFor(notePrefix, n)}",
                ["type"] = "Annotation",
                ["motivation"] = "commenting",
                ["bodyValue"] = $"{notePrefix} {n}",
                ["target"] = new Dictionary<string, object>
                {
                    ["source"] = $"http://localhost/articles/{slug}",
                    ["selector"] = new object[]
                    {
                        new Dictionary<string, object> { ["type"] = "TextQuoteSelector", ["exact"] = text[start..end] },
                        new Dictionary<string, object> { ["type"] = "TextPositionSelector", ["start"] = start, ["end"] = end },
                    },
                },
            }));
        }

        json.Append("]}}");
        return json.ToString();
    }

    public static Guid IdFor(string prefix, int n) => NewsReader.Export.StableIds.From("test-annotation", prefix, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
