using System.Text.Json;
using NewsReader.Export;

namespace NewsReader.Tests.Export;

public sealed class JsonLdExportTests
{
    private const string Text = "Tickets sold out 🎉 fast. 👩🏽‍🎤 The quote comes here.";

    [Fact]
    public async Task A_collection_with_an_embedded_page_of_annotations()
    {
        var exact = "The quote";
        var start = Text.IndexOf(exact, StringComparison.Ordinal);
        var offsets = new CodePointOffsets(Text);
        var place = new ExportPlace(1, offsets.ToCodePoints(start), offsets.ToCodePoints(start + exact.Length));
        var commented = ExportSamples.Highlight(exact, "A **note**", ["energy", "prices"], place, "green", "key claim");
        var plain = ExportSamples.Highlight("fast", place: new ExportPlace(1, 21, 25));
        var orphan = ExportSamples.Orphan("gone");
        var article = ExportSamples.Article(note: "On the whole article");

        using var json = JsonDocument.Parse(await ExportSamples.WriteAsync(ExportFormat.JsonLd, (article, [commented, plain, orphan])));
        var root = json.RootElement;

        var context = root.GetProperty("@context");
        Assert.Equal("http://www.w3.org/ns/anno.jsonld", context[0].GetString());
        Assert.Equal("urn:newsreader:", context[1].GetProperty("nr").GetString());
        Assert.Equal("AnnotationCollection", root.GetProperty("type").GetString());
        var page = root.GetProperty("first");
        Assert.Equal("AnnotationPage", page.GetProperty("type").GetString());
        Assert.Equal(0, page.GetProperty("startIndex").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal(4, root.GetProperty("total").GetInt32());

        // The article note: a comment on the article itself.
        Assert.Equal("commenting", items[0].GetProperty("motivation").GetString());
        Assert.Equal(article.Url, items[0].GetProperty("target").GetString());
        Assert.Equal("On the whole article", items[0].GetProperty("body")[0].GetProperty("value").GetString());

        var c = items[1];
        Assert.Equal($"urn:uuid:{commented.Id}", c.GetProperty("id").GetString());
        Assert.Equal("Annotation", c.GetProperty("type").GetString());
        Assert.Equal("commenting", c.GetProperty("motivation").GetString());
        Assert.Equal("2025-03-14T09:26:53.123Z", c.GetProperty("created").GetString());
        Assert.Equal("2025-03-14T09:28:23.123Z", c.GetProperty("modified").GetString());
        Assert.Equal("reader@example.com", c.GetProperty("creator").GetProperty("name").GetString());
        var bodies = c.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal(("TextualBody", "A **note**", "text/markdown", "commenting"),
            (bodies[0].GetProperty("type").GetString(), bodies[0].GetProperty("value").GetString(),
                bodies[0].GetProperty("format").GetString(), bodies[0].GetProperty("purpose").GetString()));
        Assert.Equal(["energy", "prices"], bodies.Skip(1).Select(b => b.GetProperty("value").GetString()));
        Assert.All(bodies.Skip(1), b => Assert.Equal("tagging", b.GetProperty("purpose").GetString()));
        Assert.Equal(article.Url, c.GetProperty("target").GetProperty("source").GetString());
        var selectors = c.GetProperty("target").GetProperty("selector").EnumerateArray().ToList();
        Assert.Equal(("TextQuoteSelector", exact, "before ", " after"),
            (selectors[0].GetProperty("type").GetString(), selectors[0].GetProperty("exact").GetString(),
                selectors[0].GetProperty("prefix").GetString(), selectors[0].GetProperty("suffix").GetString()));
        Assert.Equal("TextPositionSelector", selectors[1].GetProperty("type").GetString());
        Assert.Equal(("green", "key claim", false),
            (c.GetProperty("highlightColor").GetString(), c.GetProperty("colorLabel").GetString(), c.GetProperty("orphan").GetBoolean()));

        // Code points, not UTF-16 units: 🎉 and 👩🏽‍🎤 (4 code points, 7 units) come before the quote.
        var cpStart = selectors[1].GetProperty("start").GetInt32();
        var cpEnd = selectors[1].GetProperty("end").GetInt32();
        Assert.Equal(start - 4, cpStart);
        Assert.Equal(exact, SliceCodePoints(Text, cpStart, cpEnd));

        Assert.Equal("highlighting", items[2].GetProperty("motivation").GetString());
        Assert.False(items[2].TryGetProperty("body", out _));

        var o = items[3];
        Assert.True(o.GetProperty("orphan").GetBoolean());
        Assert.Equal(["TextQuoteSelector"], o.GetProperty("target").GetProperty("selector").EnumerateArray().Select(s => s.GetProperty("type").GetString()));
    }

    [Fact]
    public void Timestamps_keep_every_tick_and_drop_a_zero_fraction()
    {
        Assert.Equal("2025-03-14T09:26:53Z", JsonLdExport.Timestamp(new DateTime(2025, 3, 14, 9, 26, 53, DateTimeKind.Utc)));
        var precise = new DateTime(638_775_628_131_234_567, DateTimeKind.Utc);
        var written = JsonLdExport.Timestamp(precise);
        Assert.Equal(precise, DateTimeOffset.Parse(written, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
    }

    [Theory]
    [InlineData(ExportFormat.JsonLd)]
    [InlineData(ExportFormat.Markdown)]
    [InlineData(ExportFormat.Csv)]
    public async Task Writers_write_as_they_go(ExportFormat format)
    {
        var output = new AsyncOnlyStream();
        var article = ExportSamples.Article();
        var ct = TestContext.Current.CancellationToken;
        await using (var writer = ExportFormats.CreateWriter(format, output))
        {
            await writer.BeginAsync(ExportSamples.Header(), ct);
            await writer.ArticleAsync(article, ct);
            for (var i = 0; i < 2_000; i++)
            {
                await writer.HighlightAsync(article, ExportSamples.Highlight("a highlighted passage of a fair length, " + i, "and its note"), ct);
            }

            Assert.True(output.Written > 64 * 1024, $"only {output.Written} bytes written before the end");
            await writer.EndAsync(ct);
        }
    }

    public static string SliceCodePoints(string text, int start, int end) =>
        string.Concat(text.EnumerateRunes().Skip(start).Take(end - start).Select(r => r.ToString()));

    /// <summary>Like a response body: synchronous writes are refused. Counts what arrives.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new InvalidOperationException("Synchronous flush");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Written += count;
            return Task.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
