using System.Text.Encodings.Web;

namespace NewsReader.Export;

/// <summary>
/// W3C Web Annotation JSON-LD: an <c>AnnotationCollection</c> whose embedded first page holds
/// one <c>Annotation</c> per highlight (and per article with the reader's note or tags on it). Quotes are targeted with a
/// <c>TextQuoteSelector</c> and, unless orphaned, a <c>TextPositionSelector</c> in code points.
/// Colour, its label and orphan status travel in the terms of the context <see cref="WriteContext"/> adds.
/// </summary>
public sealed class JsonLdExport(Stream output) : IExportWriter
{
    public const string AnnotationContext = "http://www.w3.org/ns/anno.jsonld";

    /// <summary>Our vocabulary: never dereferenced, only a stable name for the extension terms.</summary>
    public const string Vocabulary = "urn:newsreader:";

    public const string ColorTerm = "highlightColor";
    public const string ColorLabelTerm = "colorLabel";
    public const string OrphanTerm = "orphan";

    private const int FlushBytes = 32 * 1024;

    private readonly Stream _output = output;

    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions
    {
        // Compact: a third fewer bytes than indented for a large export; tools read it, and `jq .` pretty-prints it.
        Indented = false,
        // Quotes stay readable (emoji, Arabic, Hebrew as themselves); the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private string _creator = "";
    private int _total;

    public async ValueTask BeginAsync(ExportHeader header, CancellationToken ct)
    {
        _creator = header.Creator;
        _json.WriteStartObject();
        _json.WritePropertyName("@context");
        WriteContext(_json);
        _json.WriteString("id", header.Id);
        _json.WriteString("type", "AnnotationCollection");
        _json.WriteString("label", $"NewsReader notes of {header.Creator}, exported {header.ExportedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        _json.WriteString("created", Timestamp(header.ExportedAt));
        _json.WriteStartObject("first");
        _json.WriteString("id", header.Id + "#page-1");
        _json.WriteString("type", "AnnotationPage");
        _json.WriteNumber("startIndex", 0);
        _json.WriteStartArray("items");
        await _json.FlushAsync(ct);
    }

    /// <summary>The standard context plus ours, in the array form the W3C schemas accept.</summary>
    public static void WriteContext(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        json.WriteStringValue(AnnotationContext);
        json.WriteStartObject();
        json.WriteString("nr", Vocabulary);
        json.WriteString(ColorTerm, "nr:" + ColorTerm);
        json.WriteString(ColorLabelTerm, "nr:" + ColorLabelTerm);
        json.WriteStartObject(OrphanTerm);
        json.WriteString("@id", "nr:" + OrphanTerm);
        json.WriteString("@type", "xsd:boolean");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>
    /// The reader's note on the whole article and their tags on it: one annotation whose target is
    /// the article itself, no selector; the note a commenting body, each tag a tagging body.
    /// </summary>
    public async ValueTask ArticleAsync(ExportArticle article, CancellationToken ct)
    {
        if (article.Note is null && article.Tags.Count == 0)
        {
            return;
        }

        var note = article.Note;
        _json.WriteStartObject();
        _json.WriteString("id", Urn(note?.Id ?? article.TagsId));
        _json.WriteString("type", "Annotation");
        _json.WriteString("motivation", note is null ? "tagging" : "commenting");
        if (note is not null)
        {
            WriteProvenance(note.CreatedAt, note.UpdatedAt);
        }
        else
        {
            WriteCreator();
        }

        _json.WriteStartArray("body");
        if (note is not null)
        {
            WriteTextualBody(note.Text, "commenting");
        }

        WriteTags(article.Tags);
        _json.WriteEndArray();
        _json.WriteString("target", article.Url);
        _json.WriteEndObject();
        await ItemWrittenAsync(ct);
    }

    public async ValueTask HighlightAsync(ExportArticle article, ExportHighlight highlight, CancellationToken ct)
    {
        _json.WriteStartObject();
        _json.WriteString("id", Urn(highlight.Id));
        _json.WriteString("type", "Annotation");
        _json.WriteString("motivation", highlight.Note.Length > 0 ? "commenting" : "highlighting");
        WriteProvenance(highlight.CreatedAt, highlight.UpdatedAt);
        if (highlight.Note.Length > 0 || highlight.Tags.Count > 0)
        {
            _json.WriteStartArray("body");
            if (highlight.Note.Length > 0)
            {
                WriteTextualBody(highlight.Note, "commenting");
            }

            WriteTags(highlight.Tags);

            _json.WriteEndArray();
        }

        _json.WriteStartObject("target");
        _json.WriteString("source", article.Url);
        _json.WriteStartArray("selector");
        _json.WriteStartObject();
        _json.WriteString("type", "TextQuoteSelector");
        _json.WriteString("exact", highlight.Exact);
        _json.WriteString("prefix", highlight.Prefix);
        _json.WriteString("suffix", highlight.Suffix);
        _json.WriteEndObject();
        if (highlight.Place is { } place)
        {
            _json.WriteStartObject();
            _json.WriteString("type", "TextPositionSelector");
            _json.WriteNumber("start", place.Start);
            _json.WriteNumber("end", place.End);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteString(ColorTerm, highlight.Color);
        if (highlight.ColorLabel is { Length: > 0 } label)
        {
            _json.WriteString(ColorLabelTerm, label);
        }

        _json.WriteBoolean(OrphanTerm, highlight.IsOrphan);
        _json.WriteEndObject();
        await ItemWrittenAsync(ct);
    }

    public async ValueTask EndAsync(CancellationToken ct)
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        // Written last, when it is known: JSON keys have no order, and the export never counts ahead.
        _json.WriteNumber("total", _total);
        _json.WriteEndObject();
        await _json.FlushAsync(ct);
        await _output.WriteAsync("\n"u8.ToArray(), ct);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    /// <summary>UTC with as many fraction digits as needed, so restored dates are the same instant.</summary>
    public static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Urn(Guid id) => "urn:uuid:" + id.ToString("D", CultureInfo.InvariantCulture);

    private void WriteProvenance(DateTime created, DateTime modified)
    {
        _json.WriteString("created", Timestamp(created));
        _json.WriteString("modified", Timestamp(modified));
        WriteCreator();
    }

    private void WriteTags(IReadOnlyList<string> tags)
    {
        foreach (var tag in tags)
        {
            _json.WriteStartObject();
            _json.WriteString("type", "TextualBody");
            _json.WriteString("value", tag);
            _json.WriteString("purpose", "tagging");
            _json.WriteEndObject();
        }
    }

    private void WriteCreator()
    {
        _json.WriteStartObject("creator");
        _json.WriteString("type", "Person");
        _json.WriteString("name", _creator);
        _json.WriteEndObject();
    }

    private void WriteTextualBody(string markdown, string purpose)
    {
        _json.WriteStartObject();
        _json.WriteString("type", "TextualBody");
        _json.WriteString("value", markdown);
        _json.WriteString("format", "text/markdown");
        _json.WriteString("purpose", purpose);
        _json.WriteEndObject();
    }

    private async ValueTask ItemWrittenAsync(CancellationToken ct)
    {
        _total++;
        if (_json.BytesPending > FlushBytes)
        {
            await _json.FlushAsync(ct);
        }
    }
}
