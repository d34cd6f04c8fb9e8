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

/// <summary>What reading a file found: how many annotations, what was passed over, what is wrong.</summary>
public sealed record AnnotationScan(int Annotations, IReadOnlyList<string> Ignored, IReadOnlyList<string> Errors)
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

    /// <summary>Messages about annotations passed over are kept up to this many; the rest are counted.</summary>
    public const int MaxIgnoredListed = 200;

    /// <summary>
    /// Reads the file as a stream (<see cref="AnnotationStream"/>), checking each annotation and
    /// handing every good one to <paramref name="each"/> as soon as it is read. The file is valid
    /// only when <see cref="AnnotationScan.Errors"/> is empty at the end: a caller that must not
    /// act on a bad file reads it twice, first with no <paramref name="each"/>.
    /// </summary>
    public static async Task<AnnotationScan> ScanAsync(Stream json, Func<ImportedAnnotation, ValueTask>? each, CancellationToken ct)
    {
        var state = new State();
        var stream = new AnnotationStream(json);
        try
        {
            await foreach (var (item, where) in stream.ReadAsync(ct))
            {
                if (where == "the annotation" && !stream.RootTypes.Contains("Annotation"))
                {
                    break;                                     // the type check below names the problem
                }

                if (state.Item(item, where) is { } annotation && each is not null)
                {
                    await each(annotation);
                }

                if (state.Errors.Count >= MaxErrors)
                {
                    state.Errors.Add($"Stopped after {MaxErrors} problems.");
                    return state.Result();
                }
            }
        }
        catch (JsonException e)
        {
            state.Errors.Add($"The file is not valid JSON: {e.Message}");
            return state.Result();
        }

        state.Errors.AddRange(stream.Problems);
        if (stream.RootKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            state.Errors.Add($"The file holds a JSON {Describe(stream.RootKind)}, not a W3C Web Annotation document (an object).");
        }
        else if (stream.RootKind == JsonValueKind.Object)
        {
            var types = stream.RootTypes;
            if (types.Contains("AnnotationPage") && !stream.RootHasPages)
            {
                state.Errors.Add("Annotation page 1 has no \"items\" array.");
            }
            else if (!types.Contains("AnnotationCollection") && !types.Contains("AnnotationPage") && !types.Contains("Annotation"))
            {
                state.Errors.Add(types.Count == 0
                    ? "The file has no \"type\": expected a W3C Web Annotation document (an AnnotationCollection, AnnotationPage or Annotation)."
                    : $"The file's type is '{string.Join(", ", types)}': expected an AnnotationCollection, AnnotationPage or Annotation.");
            }
        }

        return state.Result();
    }

    private sealed class State
    {
        private int _ignored;

        public List<string> Ignored { get; } = [];

        public List<string> Errors { get; } = [];

        public int Annotations { get; private set; }

        public AnnotationScan Result()
        {
            var ignored = _ignored > Ignored.Count
                ? [.. Ignored, Format($"… and {_ignored - Ignored.Count:N0} more passed over.")]
                : Ignored;
            return new AnnotationScan(Annotations, ignored, Errors);
        }

        private void Ignore(string message)
        {
            if (_ignored++ < MaxIgnoredListed)
            {
                Ignored.Add(message);
            }
        }

        public ImportedAnnotation? Item(JsonElement item, string where)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                Errors.Add($"{Capitalize(where)} is a JSON {Describe(item.ValueKind)}, not an annotation object.");
                return null;
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
                return null;
            }

            var t = target!;
            ImportedKind kind;
            if (t.Exact is not null || t.Start is not null)
            {
                kind = ImportedKind.Highlight;
            }
            else if (!t.HasSelector && (note.Length > 0 || tags.Count > 0))
            {
                // The reader's note on the article and their tags on it (tagging bodies).
                kind = ImportedKind.ArticleNote;
            }
            else
            {
                Ignore($"{Capitalize(label)}: nothing to restore (no quote, no note and no tags).");
                return null;
            }

            Annotations++;
            return new ImportedAnnotation(label, id, t.Source, t.Title, kind, t.Exact, t.Prefix, t.Suffix, t.Start, t.End,
                note, tags, color, string.IsNullOrEmpty(colorLabel) ? null : colorLabel, orphan, created, modified ?? created);
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
        else if (NoteMarkdown.Problem(note) is not null)
        {
            problems.Add("its note is nested too deeply to read as Markdown (hundreds of quotes, lists or brackets inside each other)");
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
