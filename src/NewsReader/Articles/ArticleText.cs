using NewsReader.Articles.Parsing;

namespace NewsReader.Articles;

/// <summary>A point in an article: a block (by anchor and ordinal) and a UTF-16 offset within its text.</summary>
public readonly record struct BlockPoint(string Anchor, int Block, int Offset);

/// <summary>A range of an article's text: start inclusive, end exclusive.</summary>
public readonly record struct TextRange(BlockPoint Start, BlockPoint End);

/// <summary>
/// One revision's text as a single string: blocks joined by a blank line, exactly as served at
/// <c>/articles/{slug}.txt</c>. Converts between block points and offsets in that string.
/// </summary>
public sealed class ArticleText
{
    /// <summary>Characters of context a quote keeps either side (W3C TextQuoteSelector prefix and suffix).</summary>
    public const int QuoteContextLength = 32;

    private readonly Dictionary<string, int> _blockByAnchor;
    private readonly int[] _starts;

    public ArticleText(IReadOnlyList<ArticleBlock> blocks)
    {
        Blocks = blocks;
        Text = StoredBlocks.PlainText(blocks);
        _starts = new int[blocks.Count];
        _blockByAnchor = new Dictionary<string, int>(blocks.Count, StringComparer.Ordinal);
        var position = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            _starts[i] = position;
            position += blocks[i].Text.Length + StoredBlocks.Separator.Length;
            _blockByAnchor.TryAdd(blocks[i].Anchor, i);
        }
    }

    public IReadOnlyList<ArticleBlock> Blocks { get; }

    public string Text { get; }

    public int BlockStart(int block) => _starts[block];

    public int BlockEnd(int block) => _starts[block] + Blocks[block].Text.Length;

    public int? BlockIndex(string anchor) => _blockByAnchor.TryGetValue(anchor, out var index) ? index : null;

    /// <summary>The offset in <see cref="Text"/> of a block point, or null when the anchor or offset is not in this revision.</summary>
    public int? ToOffset(string anchor, int offset)
    {
        if (BlockIndex(anchor) is not { } block || offset < 0 || offset > Blocks[block].Text.Length)
        {
            return null;
        }

        return _starts[block] + offset;
    }

    /// <summary>
    /// The block point of an offset in <see cref="Text"/>. An offset inside a separator, or at a
    /// block's very start, belongs to the end of the block before it (use that for range ends);
    /// with <paramref name="preferNext"/> an offset in a separator or at a block's end belongs to
    /// the start of the block after it (use that for range starts).
    /// </summary>
    public BlockPoint ToPoint(int offset, bool preferNext)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        index = Math.Max(index, 0);
        var inBlock = offset - _starts[index];
        var length = Blocks[index].Text.Length;
        if (!preferNext && inBlock == 0 && index > 0)
        {
            // A range that ends where a block starts ends with the block before it, not in the separator.
            return new BlockPoint(Blocks[index - 1].Anchor, index - 1, Blocks[index - 1].Text.Length);
        }

        if (inBlock > length)
        {
            if (preferNext && index + 1 < Blocks.Count)
            {
                return new BlockPoint(Blocks[index + 1].Anchor, index + 1, 0);
            }

            inBlock = length;
        }
        else if (preferNext && inBlock == length && index + 1 < Blocks.Count && offset > _starts[index])
        {
            return new BlockPoint(Blocks[index + 1].Anchor, index + 1, 0);
        }

        return new BlockPoint(Blocks[index].Anchor, index, inBlock);
    }

    /// <summary>Block points for [start, end) in <see cref="Text"/>, trimmed so neither end sits in a separator.</summary>
    public TextRange ToRange(int start, int end) => new(ToPoint(start, preferNext: true), ToPoint(end, preferNext: false));

    public int Offset(BlockPoint point) => _starts[point.Block] + point.Offset;

    public string Slice(int start, int end) => Text[start..end];

    public string Prefix(int start, int length) => Text[Math.Max(0, start - length)..start];

    public string Suffix(int end, int length) => Text[end..Math.Min(Text.Length, end + length)];

    /// <summary>The paragraph number (1-based) a reader would count to reach a block.</summary>
    public static int ParagraphNumber(int block) => block + 1;
}
