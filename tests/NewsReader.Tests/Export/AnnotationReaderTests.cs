using NewsReader.Export;

namespace NewsReader.Tests.Export;

public sealed class AnnotationReaderTests
{
    [Fact]
    public async Task Reads_back_everything_the_json_ld_export_writes()
    {
        var highlight = ExportSamples.Highlight("a quote 🎉", "a note\n\nin two paragraphs", ["energy", "prices"],
            new ExportPlace(2, 40, 49), "blue", "context");
        var orphan = ExportSamples.Orphan("lost", "kept");
        var article = ExportSamples.Article(note: "Article note");
        var file = await ReadAsync(await ExportSamples.WriteAsync(ExportFormat.JsonLd, (article, [highlight, orphan])));

        Assert.Empty(file.Errors);
        Assert.Empty(file.Ignored);
        Assert.Equal(3, file.Annotations.Count);
        var note = file.Annotations[0];
        Assert.Equal((ImportedKind.ArticleNote, "Article note", article.Url), (note.Kind, note.Note, note.Source));
        Assert.Equal((ExportSamples.Created, ExportSamples.Created.AddMinutes(5)), (note.Created, note.Modified));

        var h = file.Annotations[1];
        Assert.Equal(ImportedKind.Highlight, h.Kind);
        Assert.Equal($"urn:uuid:{highlight.Id}", h.Id);
        Assert.Equal(article.Url, h.Source);
        Assert.Equal(("a quote 🎉", "before ", " after", 40, 49), (h.Exact, h.Prefix, h.Suffix, h.Start, h.End));
        Assert.Equal(("a note\n\nin two paragraphs", "blue", "context", false), (h.Note, h.Color, h.ColorLabel, h.Orphan));
        Assert.Equal(["energy", "prices"], h.Tags);
        Assert.Equal((highlight.CreatedAt, highlight.UpdatedAt), (h.Created, h.Modified));
        Assert.Equal(DateTimeKind.Utc, h.Created!.Value.Kind);

        var o = file.Annotations[2];
        Assert.Equal((true, "lost", "kept", (int?)null), (o.Orphan, o.Exact, o.Note, o.Start));
    }

    [Theory]
    [InlineData("{ not json", "The file is not valid JSON")]
    [InlineData("42", "holds a JSON number, not a W3C Web Annotation document")]
    [InlineData("""{"type": "Document"}""", "type is 'Document': expected an AnnotationCollection, AnnotationPage or Annotation")]
    [InlineData("""{"name": "x"}""", "has no \"type\"")]
    [InlineData("""{"type": "AnnotationCollection", "first": "https://x.org/page/1"}""", "first page is only linked (https://x.org/page/1)")]
    [InlineData("""{"type": "AnnotationPage"}""", "Annotation page 1 has no \"items\" array")]
    [InlineData("""{"type": "AnnotationPage", "items": [], "next": "https://x.org/2"}""", "only links the next page")]
    [InlineData("""[1]""", "Annotation 1 is a JSON number, not an annotation object")]
    [InlineData("""[{"id": "urn:x:1", "type": "Annotation"}]""", "Annotation 1 (urn:x:1): it has no target")]
    [InlineData("""[{"type": "Thing", "target": "https://x.org/a"}]""", "Annotation 1: its type is not 'Annotation'")]
    [InlineData("""[{"type": "Annotation", "target": {"selector": []}}]""", "its target has no source URL")]
    [InlineData("""[{"type": "Annotation", "target": {"source": "https://x.org/a", "selector": {"type": "TextQuoteSelector", "prefix": "a"}}}]""", "its TextQuoteSelector has no exact text")]
    [InlineData("""[{"type": "Annotation", "target": {"source": "https://x.org/a", "selector": {"type": "TextPositionSelector", "start": -1, "end": 3}}}]""", "its TextPositionSelector needs whole-number start and end")]
    [InlineData("""[{"type": "Annotation", "created": "last Tuesday", "target": {"source": "https://x.org/a", "selector": {"type": "TextQuoteSelector", "exact": "a"}}}]""", "'created' is not a date and time (\"last Tuesday\")")]
    [InlineData("""[{"type": "Annotation", "body": {"type": "TextualBody", "value": 3}, "target": "https://x.org/a"}]""", "a body's value is not text")]
    public async Task Malformed_files_are_rejected_with_the_problem_named(string json, string problem)
    {
        var file = await ReadAsync(json);
        Assert.False(file.IsValid);
        Assert.Contains(file.Errors, e => e.Contains(problem, StringComparison.Ordinal));
        Assert.Empty(file.Annotations);
    }

    [Fact]
    public async Task Every_problem_is_listed_not_only_the_first()
    {
        var file = await ReadAsync("""[{"type": "Annotation"}, {"type": "Annotation", "target": "https://x.org/a", "bodyValue": "fine"}, {"type": "Annotation"}]""");
        Assert.Equal(2, file.Errors.Count);
        Assert.StartsWith("Annotation 1:", file.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Annotation 3:", file.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_annotations_other_tools_write()
    {
        var file = await ReadAsync("""
            [
              {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "id": "https://hypothes.is/a/abc123",
                "type": "Annotation",
                "motivation": "commenting",
                "bodyValue": "Plain note",
                "target": {
                  "source": {"id": "https://news.example.org/story", "title": "Night trains return to the Alps"},
                  "selector": [
                    {"type": "RangeSelector", "startSelector": {"type": "XPathSelector", "value": "/p[1]"}, "endSelector": {"type": "XPathSelector", "value": "/p[1]"}},
                    {"type": "FragmentSelector", "value": "p-2", "refinedBy": {"type": "TextQuoteSelector", "exact": "night train", "prefix": "first "}}
                  ]
                }
              },
              {
                "type": ["Annotation"],
                "motivation": "tagging",
                "body": [{"type": "TextualBody", "value": "Rail"}, "https://example.org/term/rail"],
                "target": {"source": "https://news.example.org/story", "selector": {"type": "TextPositionSelector", "start": 4, "end": 9}}
              },
              {
                "type": "Annotation",
                "motivation": "bookmarking",
                "target": "https://news.example.org/story"
              }
            ]
            """);

        Assert.Empty(file.Errors);
        Assert.Equal(2, file.Annotations.Count);
        var first = file.Annotations[0];
        Assert.Equal(("https://news.example.org/story", "Night trains return to the Alps"), (first.Source, first.Title));
        Assert.Equal(("night train", "first ", "Plain note"), (first.Exact, first.Prefix, first.Note));
        Assert.Null(first.Color);
        var tagged = file.Annotations[1];
        Assert.Equal((ImportedKind.Highlight, (int?)4, (int?)9, (string?)null), (tagged.Kind, tagged.Start, tagged.End, tagged.Exact));
        Assert.Equal(["rail"], tagged.Tags);
        var ignored = Assert.Single(file.Ignored);
        Assert.Contains("nothing to restore", ignored, StringComparison.Ordinal);
    }

    /// <summary>What a file holds: its annotations (none when it has errors), what was passed over, what is wrong.</summary>
    private sealed record AnnotationFile(IReadOnlyList<ImportedAnnotation> Annotations, IReadOnlyList<string> Ignored, IReadOnlyList<string> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    /// <summary>The whole file gathered in memory, through the streaming reader restores use.</summary>
    private static async Task<AnnotationFile> ReadAsync(string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var annotations = new List<ImportedAnnotation>();
        var scan = await AnnotationReader.ScanAsync(stream, a =>
        {
            annotations.Add(a);
            return ValueTask.CompletedTask;
        }, TestContext.Current.CancellationToken);
        return new AnnotationFile(scan.Errors.Count > 0 ? [] : annotations, scan.Ignored, scan.Errors);
    }
}
