using System.Buffers;
using System.Runtime.CompilerServices;

namespace NewsReader.Export;

/// <summary>
/// The annotations of a W3C Web Annotation file, one at a time, without the file in memory: a
/// 200 MB restore is read through a buffer of a few hundred kilobytes, each annotation parsed
/// on its own. The shapes it knows are the ones <see cref="AnnotationReader"/> accepts: an array
/// of annotations, an AnnotationPage (<c>items</c>, <c>next</c> pages embedded), an
/// AnnotationCollection (its <c>first</c> page embedded) or one Annotation (read whole: it is
/// small). The types found at the top and on each page are reported for the reader to check.
/// </summary>
internal sealed class AnnotationStream
{
    /// <summary>One annotation larger than this (a quote, note and tags are a few hundred KB at most) is refused.</summary>
    public const int MaxItemBytes = 4 * 1024 * 1024;

    /// <summary>A file holding one annotation (no pages) is read whole; it is never bigger than this.</summary>
    public const int MaxSingleAnnotationBytes = MaxItemBytes;

    private const int InitialBuffer = 64 * 1024;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private enum FrameKind
    {
        RootArray,
        RootObject,
        Page,
        Items,
    }

    private sealed class Frame(FrameKind kind, int page)
    {
        public FrameKind Kind { get; } = kind;

        public int Page { get; } = page;

        public bool HasItems { get; set; }

        public List<string> Types { get; } = [];
    }

    private readonly Stream _stream;
    private readonly Stack<Frame> _frames = new();
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state = new(ReaderOptions);
    private int _items;
    private int _pages;

    public AnnotationStream(Stream stream) => _stream = stream;

    /// <summary>The types named at the top of the file (<c>AnnotationCollection</c>…), once the file is read.</summary>
    public List<string> RootTypes { get; } = [];

    /// <summary>The JSON value at the top of the file: an object, an array, or something that is neither.</summary>
    public JsonValueKind RootKind { get; private set; } = JsonValueKind.Undefined;

    /// <summary>True when the top object had pages or items (a collection or a page), false for a single annotation.</summary>
    public bool RootHasPages { get; private set; }

    /// <summary>Problems with the file's shape (a page only linked, a page without items).</summary>
    public List<string> Problems { get; } = [];

    private enum StepResult
    {
        Item,
        NeedMore,
        Done,
    }

    /// <summary>Each annotation (any JSON value in an items list) with where it is ("annotation 12").</summary>
    public async IAsyncEnumerable<(JsonElement Item, string Where)> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var result = Step(out var item);
                if (result == StepResult.Item)
                {
                    using (item)
                    {
                        yield return (item!.RootElement, Ordinal(_items++));
                    }

                    continue;
                }

                if (result == StepResult.Done)
                {
                    break;
                }

                if (_final)
                {
                    throw new JsonException("The file ends in the middle of a JSON value.");
                }

                await FillAsync(ct);
            }

            if (RootKind == JsonValueKind.Object && !RootHasPages)
            {
                // One annotation: read the whole (small) file again and hand it over as one item.
                using var single = await ReadWholeAsync(ct);
                yield return (single.RootElement, "the annotation");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private async Task<JsonDocument> ReadWholeAsync(CancellationToken ct)
    {
        if (!_stream.CanSeek || _stream.Length > MaxSingleAnnotationBytes)
        {
            throw new JsonException("The file holds one object that is neither an AnnotationCollection nor an AnnotationPage, and it is too large to be one annotation.");
        }

        _stream.Position = 0;
        return await JsonDocument.ParseAsync(_stream, DocumentOptions, ct);
    }

    private async Task FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxItemBytes)
            {
                throw new JsonException(string.Create(CultureInfo.InvariantCulture,
                    $"{Capitalize(Ordinal(_items))} is larger than {MaxItemBytes / (1024 * 1024)} MB; no annotation is that large."));
            }

            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct);
        _end += read;
        _final = read == 0;
    }

    /// <summary>
    /// Reads tokens until an annotation is whole in the buffer (parsed into <paramref name="item"/>),
    /// more bytes are needed (the buffer keeps everything from the last complete step), or the
    /// file is done. Every step starts from a checkpoint, so a value cut off by the buffer's end
    /// is read again from its start once more bytes are in.
    /// </summary>
    private StepResult Step(out JsonDocument? item)
    {
        item = null;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
        while (true)
        {
            var checkpoint = (State: reader.CurrentState, Consumed: reader.BytesConsumed);
            if (!reader.Read())
            {
                Commit(checkpoint.State, checkpoint.Consumed);
                return _frames.Count == 0 && RootKind != JsonValueKind.Undefined ? StepResult.Done : StepResult.NeedMore;
            }

            if (_frames.Count == 0)
            {
                if (RootKind != JsonValueKind.Undefined)
                {
                    throw new JsonException("The file holds more than one JSON value.");
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray:
                        RootKind = JsonValueKind.Array;
                        _frames.Push(new Frame(FrameKind.RootArray, 0));
                        continue;
                    case JsonTokenType.StartObject:
                        RootKind = JsonValueKind.Object;
                        _frames.Push(new Frame(FrameKind.RootObject, 0));
                        continue;
                    default:
                        RootKind = reader.TokenType switch
                        {
                            JsonTokenType.String => JsonValueKind.String,
                            JsonTokenType.Number => JsonValueKind.Number,
                            JsonTokenType.True => JsonValueKind.True,
                            JsonTokenType.False => JsonValueKind.False,
                            _ => JsonValueKind.Null,
                        };
                        continue;
                }
            }

            var frame = _frames.Peek();
            if (frame.Kind is FrameKind.RootArray or FrameKind.Items)
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _frames.Pop();
                    continue;
                }

                if (!TryValue(ref reader, checkpoint, out item))
                {
                    return StepResult.NeedMore;
                }

                Commit(reader.CurrentState, reader.BytesConsumed);
                return StepResult.Item;
            }

            // An object: the root, or a page.
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                _frames.Pop();
                if (frame.Kind == FrameKind.Page && !frame.HasItems)
                {
                    Problems.Add(string.Create(CultureInfo.InvariantCulture, $"Annotation page {frame.Page} has no \"items\" array."));
                }

                continue;
            }

            var name = reader.GetString();
            if (!reader.Read())
            {
                Rewind(checkpoint);
                return StepResult.NeedMore;
            }

            switch (name)
            {
                case "first" when frame.Kind == FrameKind.RootObject:
                case "next" when frame.Kind is FrameKind.Page or FrameKind.RootObject:
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        RootHasPages = true;
                        _frames.Push(new Frame(FrameKind.Page, ++_pages));
                        continue;
                    }

                    if (reader.TokenType == JsonTokenType.String)
                    {
                        RootHasPages = true;
                        var link = reader.GetString();
                        Problems.Add(name == "first"
                            ? $"The collection's first page is only linked ({link}), not in the file; save the collection with its pages embedded and restore that."
                            : string.Create(CultureInfo.InvariantCulture, $"Annotation page {Math.Max(1, frame.Page)} only links the next page ({link}); save the collection with all its pages embedded and restore that."));
                        continue;
                    }

                    break;
                case "items" when frame.Kind is FrameKind.RootObject or FrameKind.Page:
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        if (frame.Kind == FrameKind.RootObject)
                        {
                            RootHasPages = true;
                            _pages++;
                        }

                        frame.HasItems = true;
                        _frames.Push(new Frame(FrameKind.Items, frame.Page));
                        continue;
                    }

                    break;
                case "type" or "@type" when frame.Kind == FrameKind.RootObject:
                    if (!TryValue(ref reader, checkpoint, out var types))
                    {
                        return StepResult.NeedMore;
                    }

                    using (types)
                    {
                        var value = types!.RootElement;
                        RootTypes.AddRange(value.ValueKind == JsonValueKind.Array
                            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
                            : value.ValueKind == JsonValueKind.String ? [value.GetString()!] : []);
                    }

                    continue;
                default:
                    break;
            }

            // Any other property's value (the context, ids, labels…) is passed over whole.
            if (!reader.TrySkip())
            {
                Rewind(checkpoint);
                return StepResult.NeedMore;
            }
        }
    }

    /// <summary>The value whose first token was just read, parsed on its own; false (rewound) when it is not all in the buffer yet.</summary>
    private bool TryValue(ref Utf8JsonReader reader, (JsonReaderState State, long Consumed) checkpoint, out JsonDocument? value)
    {
        var startIndex = (int)reader.TokenStartIndex;
        if (!reader.TrySkip())
        {
            Rewind(checkpoint);
            value = null;
            return false;
        }

        // A copy: the buffer is reused for the next value while this one may still be read.
        value = JsonDocument.Parse(_buffer.AsSpan(_start + startIndex, (int)reader.BytesConsumed - startIndex).ToArray(), DocumentOptions);
        return true;
    }

    private void Rewind((JsonReaderState State, long Consumed) checkpoint) => Commit(checkpoint.State, checkpoint.Consumed);

    private void Commit(JsonReaderState state, long consumed)
    {
        _state = state;
        _start += (int)consumed;
    }

    public static string Ordinal(int index) => "annotation " + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
