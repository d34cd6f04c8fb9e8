using System.Globalization;
using System.Text.Json;
using NewsReader.Annotations;

namespace NewsReader.Export;

public enum ImportedKind
{
    /// <summary>A quote (and perhaps a note and tags) in an article.</summary>
    Highlight,

    /// <summary>A note on a whole article: a comment whose target has no selector.</summary>
    ArticleNote,
}

/// <summary>
/// One annotation read from a file, before it is matched to an article. <c>Label</c> names it
/// in messages (its place in the file and its id); <c>Start</c> and <c>End</c> are its
/// TextPositionSelector, in code points of the article's plain text.
/// </summary>
public sealed record ImportedAnnotation(
    string Label,
    string? Id,
    string Source,
    string? Title,
    ImportedKind Kind,
    string? Exact,
    string Prefix,
    string Suffix,
    int? Start,
    int? End,
    string Note,
    IReadOnlyList<string> Tags,
    string? Color,
    string? ColorLabel,
    bool Orphan,
    DateTime? Created,
    DateTime? Modified);

/// <summary>What a file holds: its annotations, what was passed over (and why), and what is wrong with it.</summary>
public sealed record AnnotationFile(IReadOnlyList<ImportedAnnotation> Annotations, IReadOnlyList<string> Ignored, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads W3C Web Annotation JSON-LD: NewsReader's own export (an AnnotationCollection with an
/// embedded page, colour and orphan status in its extension terms) and what other tools write
/// (a page, one annotation, or an array of them; TextQuoteSelector and TextPositionSelector,
/// also inside refinedBy). Anything malformed is an error naming the annotation and the
/// problem; a file with errors is restored not at all.
/// </summary>
public static class AnnotationReader
{
    public const int MaxErrors = 20;

    public static async Task<AnnotationFile> ReadAsync(Stream json, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(json, new JsonDocumentOptions { MaxDepth = 64 }, ct);
        }
        catch (JsonException e)
        {
            return new AnnotationFile([], [], [$"The file is not valid JSON: {e.Message}"]);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static AnnotationFile Read(JsonElement root)
    {
        var reader = new State();
        foreach (var (item, where) in Items(root, reader))
        {
            reader.Item(item, where);
            if (reader.Errors.Count >= MaxErrors)
            {
                reader.Errors.Add($"Stopped after {MaxErrors} problems.");
                break;
            }
        }

        return new AnnotationFile(reader.Annotations, reader.Ignored, reader.Errors);
    }

    private static IEnumerable<(JsonElement Item, string Where)> Items(JsonElement root, State state)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.EnumerateArray().Select((item, i) => (item, Ordinal(i)));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            state.Errors.Add($"The file holds a JSON {Describe(root.ValueKind)}, not a W3C Web Annotation document (an object).");
            return [];
        }

        var types = Types(root);
        if (types.Contains("AnnotationCollection"))
        {
            if (!root.TryGetProperty("first", out var first))
            {
                return [];
            }

            if (first.ValueKind == JsonValueKind.String)
            {
                state.Errors.Add($"The collection's first page is only linked ({first.GetString()}), not in the file; "
                    + "save the collection with its pages embedded and restore that.");
                return [];
            }

            return Pages(first, state);
        }

        if (types.Contains("AnnotationPage"))
        {
            return Pages(root, state);
        }

        if (types.Contains("Annotation"))
        {
            return [(root, "the annotation")];
        }

        state.Errors.Add(types.Count == 0
            ? "The file has no \"type\": expected a W3C Web Annotation document (an AnnotationCollection, AnnotationPage or Annotation)."
            : $"The file's type is '{string.Join(", ", types)}': expected an AnnotationCollection, AnnotationPage or Annotation.");
        return [];
    }

    /// <summary>The items of a page and of every page embedded after it (<c>next</c>).</summary>
    private static List<(JsonElement, string)> Pages(JsonElement page, State state)
    {
        var items = new List<(JsonElement, string)>();
        for (var number = 1; page.ValueKind == JsonValueKind.Object; number++)
        {
            if (!page.TryGetProperty("items", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                state.Errors.Add($"Annotation page {number} has no \"items\" array.");
                break;
            }

            var offset = items.Count;
            items.AddRange(list.EnumerateArray().Select((item, i) => (item, Ordinal(offset + i))));
            if (!page.TryGetProperty("next", out page))
            {
                break;
            }

            if (page.ValueKind == JsonValueKind.String)
            {
                state.Errors.Add($"Annotation page {number} only links the next page ({page.GetString()}); "
                    + "save the collection with all its pages embedded and restore that.");
                break;
            }
        }

        return items;
    }

    private sealed class State
    {
        public List<ImportedAnnotation> Annotations { get; } = [];

        public List<string> Ignored { get; } = [];

        public List<string> Errors { get; } = [];

        public void Item(JsonElement item, string where)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                Errors.Add($"{Capitalize(where)} is a JSON {Describe(item.ValueKind)}, not an annotation object.");
                return;
            }

            var id = String(item, "id");
            var label = id is null ? where : $"{where} ({id})";
            var problems = new List<string>();
            if (!Types(item).Contains("Annotation"))
            {
                problems.Add("its type is not 'Annotation'");
            }

            var target = Target(item, problems);
            var (note, tags) = Bodies(item, problems);
            var created = Date(item, "created", problems);
            var modified = Date(item, "modified", problems);
            var orphan = item.TryGetProperty(JsonLdExport.OrphanTerm, out var o) && o.ValueKind == JsonValueKind.True;
            var color = String(item, JsonLdExport.ColorTerm) is { } c && HighlightRules.IsColor(c) ? c : null;
            var colorLabel = String(item, JsonLdExport.ColorLabelTerm)?.Trim();
            Limits(target, note, tags, colorLabel, problems);
            if (problems.Count > 0)
            {
                Errors.Add($"{Capitalize(label)}: {string.Join("; ", problems)}.");
                return;
            }

            var t = target!;
            ImportedKind kind;
            if (t.Exact is not null || t.Start is not null)
            {
                kind = ImportedKind.Highlight;
            }
            else if (!t.HasSelector && note.Length > 0)
            {
                kind = ImportedKind.ArticleNote;
            }
            else
            {
                Ignored.Add($"{Capitalize(label)}: nothing to restore (no quote and no note).");
                return;
            }

            Annotations.Add(new ImportedAnnotation(label, id, t.Source, t.Title, kind, t.Exact, t.Prefix, t.Suffix, t.Start, t.End,
                note, tags, color, string.IsNullOrEmpty(colorLabel) ? null : colorLabel, orphan, created, modified ?? created));
        }
    }

    private sealed record TargetInfo(string Source, string? Title, bool HasSelector, string? Exact, string Prefix, string Suffix, int? Start, int? End);

    private static TargetInfo? Target(JsonElement item, List<string> problems)
    {
        if (!item.TryGetProperty("target", out var target))
        {
            problems.Add("it has no target");
            return null;
        }

        if (target.ValueKind == JsonValueKind.Array)
        {
            // Several targets are rare; the first is the one this annotation is restored on.
            target = target.EnumerateArray().FirstOrDefault();
        }

        if (target.ValueKind == JsonValueKind.String)
        {
            return new TargetInfo(target.GetString()!, null, false, null, "", "", null, null);
        }

        if (target.ValueKind != JsonValueKind.Object)
        {
            problems.Add("its target is neither a URL nor an object");
            return null;
        }

        var title = String(target, "title") ?? String(target, "label");
        string? source;
        if (target.TryGetProperty("source", out var s))
        {
            source = s.ValueKind == JsonValueKind.String ? s.GetString() : s.ValueKind == JsonValueKind.Object ? String(s, "id") : null;
            if (s.ValueKind == JsonValueKind.Object)
            {
                title ??= String(s, "title") ?? String(s, "label");
            }
        }
        else
        {
            source = String(target, "id");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            problems.Add("its target has no source URL");
            return null;
        }

        var info = new TargetInfo(source, title, false, null, "", "", null, null);
        if (target.TryGetProperty("selector", out var selectors))
        {
            info = info with { HasSelector = true };
            foreach (var selector in selectors.ValueKind == JsonValueKind.Array ? selectors.EnumerateArray().ToList() : [selectors])
            {
                info = Selector(selector, info, problems, refined: false);
            }
        }

        return info;
    }

    private static TargetInfo Selector(JsonElement selector, TargetInfo info, List<string> problems, bool refined)
    {
        if (selector.ValueKind != JsonValueKind.Object)
        {
            return info;
        }

        var types = Types(selector);
        if (types.Contains("TextQuoteSelector") && info.Exact is null)
        {
            if (String(selector, "exact") is not { Length: > 0 } exact)
            {
                problems.Add("its TextQuoteSelector has no exact text");
                return info;
            }

            info = info with { Exact = exact, Prefix = String(selector, "prefix") ?? "", Suffix = String(selector, "suffix") ?? "" };
        }
        else if (types.Contains("TextPositionSelector") && !refined && info.Start is null)
        {
            // A position refining another selector counts from that selector's start, not the article's: unused.
            if (!selector.TryGetProperty("start", out var s) || !s.TryGetInt32(out var start) || start < 0
                || !selector.TryGetProperty("end", out var e) || !e.TryGetInt32(out var end) || end < start)
            {
                problems.Add("its TextPositionSelector needs whole-number start and end, 0 or more, start not after end");
                return info;
            }

            info = info with { Start = start, End = end };
        }

        return selector.TryGetProperty("refinedBy", out var refinedBy) ? Selector(refinedBy, info, problems, refined: true) : info;
    }

    /// <summary>Textual bodies: tagging ones are tags, every other one is part of the note (in order).</summary>
    private static (string Note, IReadOnlyList<string> Tags) Bodies(JsonElement item, List<string> problems)
    {
        var notes = new List<string>();
        var tags = new List<string>();
        if (String(item, "bodyValue") is { } bodyValue)
        {
            notes.Add(bodyValue);
        }

        var taggingAnnotation = Strings(item, "motivation").Contains("tagging");
        if (item.TryGetProperty("body", out var body))
        {
            foreach (var b in body.ValueKind == JsonValueKind.Array ? body.EnumerateArray().ToList() : [body])
            {
                // Bodies that are links or resources elsewhere carry no text to keep.
                if (b.ValueKind != JsonValueKind.Object || !b.TryGetProperty("value", out var value))
                {
                    continue;
                }

                if (value.ValueKind != JsonValueKind.String)
                {
                    problems.Add("a body's value is not text");
                    continue;
                }

                var purposes = Strings(b, "purpose");
                var isTag = purposes.Contains("tagging") || (purposes.Count == 0 && taggingAnnotation);
                (isTag ? tags : notes).Add(value.GetString()!);
            }
        }

        return (string.Join("\n\n", notes.Where(n => n.Length > 0)), HighlightRules.NormalizeTags(tags));
    }

    private static void Limits(TargetInfo? target, string note, IReadOnlyList<string> tags, string? colorLabel, List<string> problems)
    {
        if (note.Length > HighlightRules.MaxNoteLength)
        {
            problems.Add(HighlightRules.NoteTooLong(note.Length).TrimEnd('.'));
        }

        if (tags.Count > HighlightRules.MaxTags)
        {
            problems.Add(Format($"it has {tags.Count} tags; the limit is {HighlightRules.MaxTags}"));
        }

        if (tags.FirstOrDefault(t => t.Length > HighlightRules.MaxTagLength) is { } tag)
        {
            problems.Add(Format($"tag '{tag[..20]}…' is longer than {HighlightRules.MaxTagLength} characters"));
        }

        if (colorLabel is { Length: > HighlightRules.MaxLabelLength })
        {
            problems.Add(Format($"its colour label is longer than {HighlightRules.MaxLabelLength} characters"));
        }

        if (target?.Exact is { Length: > HighlightValidation.MaxQuoteLength } exact)
        {
            problems.Add(Format($"its quote has {exact.Length:N0} characters; a highlight holds at most {HighlightValidation.MaxQuoteLength:N0}"));
        }
    }

    private static DateTime? Date(JsonElement item, string name, List<string> problems)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date.UtcDateTime;
        }

        problems.Add($"'{name}' is not a date and time ({value.GetRawText()})");
        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A JSON-LD value that may be one string or an array of them.</summary>
    private static List<string> Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList(),
            _ => [],
        };
    }

    private static List<string> Types(JsonElement element) => Strings(element, "type").Concat(Strings(element, "@type")).ToList();

    private static string Ordinal(int index) => "annotation " + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
