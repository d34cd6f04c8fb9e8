using System.Text.Json.Serialization;
using NewsReader.Articles.Parsing;

namespace NewsReader.Articles;

/// <summary>A revision's blocks: anchored once (<see cref="BlockAnchors"/>), stored as JSON, joined into its plain text.</summary>
public static class StoredBlocks
{
    /// <summary>Blocks are joined by a blank line in the article's plain text (and its .txt).</summary>
    public const string Separator = "\n\n";

    public static IReadOnlyList<ArticleBlock> FromParsed(IReadOnlyList<ArticleBlock> parsed)
    {
        var anchors = BlockAnchors.Assign(parsed.Select(b => b.Text).ToList());
        return parsed.Select((b, i) => b with { Anchor = anchors[i], Inlines = b.Inlines is { Count: > 0 } ? b.Inlines : null }).ToList();
    }

    public static string Serialize(IReadOnlyList<ArticleBlock> blocks) =>
        JsonSerializer.Serialize(blocks, StoredBlocksJson.Default.IReadOnlyListArticleBlock);

    public static IReadOnlyList<ArticleBlock> Deserialize(string json) =>
        JsonSerializer.Deserialize(json, StoredBlocksJson.Default.IReadOnlyListArticleBlock) ?? [];

    public static string PlainText(IReadOnlyList<ArticleBlock> blocks) => string.Join(Separator, blocks.Select(b => b.Text));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<ArticleBlock>))]
internal sealed partial class StoredBlocksJson : JsonSerializerContext;
