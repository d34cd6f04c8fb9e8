using System.Text.Json.Serialization;
using NewsReader.Articles.Parsing;

namespace NewsReader.Articles;

/// <summary>A block as stored in a revision: its anchor, kind, exact text and inline formatting.</summary>
public sealed record StoredBlock(
    string Anchor,
    BlockKind Kind,
    string Text,
    int Level = 0,
    bool Ordered = false,
    int? Number = null,
    IReadOnlyList<InlineSpan>? Inlines = null);

public static class StoredBlocks
{
    /// <summary>Blocks are joined by a blank line in the article's plain text (and its .txt).</summary>
    public const string Separator = "\n\n";

    public static IReadOnlyList<StoredBlock> FromParsed(IReadOnlyList<ParsedBlock> parsed)
    {
        var anchors = BlockAnchors.Assign(parsed.Select(b => b.Text).ToList());
        return parsed.Select((b, i) => new StoredBlock(anchors[i], b.Kind, b.Text, b.Level, b.Ordered, b.Number,
            b.Inlines is { Count: > 0 } ? b.Inlines : null)).ToList();
    }

    public static string Serialize(IReadOnlyList<StoredBlock> blocks) =>
        JsonSerializer.Serialize(blocks, StoredBlocksJson.Default.IReadOnlyListStoredBlock);

    public static IReadOnlyList<StoredBlock> Deserialize(string json) =>
        JsonSerializer.Deserialize(json, StoredBlocksJson.Default.IReadOnlyListStoredBlock) ?? [];

    public static string PlainText(IReadOnlyList<StoredBlock> blocks) => string.Join(Separator, blocks.Select(b => b.Text));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<StoredBlock>))]
internal sealed partial class StoredBlocksJson : JsonSerializerContext;
