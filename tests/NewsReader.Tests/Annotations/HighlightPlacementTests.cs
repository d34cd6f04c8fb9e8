using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Articles.Parsing;

namespace NewsReader.Tests.Annotations;

/// <summary>The one test of "placed on the current text", which the panel, the exports and My notes share.</summary>
public sealed class HighlightPlacementTests
{
    private static readonly ArticleText Text = new(StoredBlocks.FromParsed(
    [
        new ArticleBlock("", BlockKind.Paragraph, "The ferry runs at dawn."),
        new ArticleBlock("", BlockKind.Paragraph, "It stops in winter."),
    ]));

    private static string Anchor(int block) => Text.Blocks[block].Anchor;

    [Fact]
    public void On_the_current_revision_with_its_quote_in_place_it_is_placed()
    {
        Assert.Equal((4, 9), HighlightPlacement.Locate(false, 7, 7, Text, Anchor(0), 4, Anchor(0), 9, "ferry"));
        var across = HighlightPlacement.Locate(false, 7, 7, Text, Anchor(0), 18, Anchor(1), 8, "dawn.\n\nIt stops");
        Assert.NotNull(across);
        Assert.False(HighlightPlacement.IsDetached(false, 7, 7));
    }

    [Fact]
    public void Marked_an_orphan_or_left_on_an_older_revision_it_is_detached()
    {
        Assert.Null(HighlightPlacement.Locate(true, 7, 7, Text, Anchor(0), 4, Anchor(0), 9, "ferry"));
        Assert.Null(HighlightPlacement.Locate(false, 6, 7, Text, Anchor(0), 4, Anchor(0), 9, "ferry"));
        Assert.True(HighlightPlacement.IsDetached(true, 7, 7));
        Assert.True(HighlightPlacement.IsDetached(false, 6, 7));
    }

    [Theory]
    [InlineData("p-missing", 4, 9, "ferry")]
    [InlineData(null, 4, 9, "Ferry")]
    [InlineData(null, 9, 4, "ferry")]
    [InlineData(null, 4, 99, "ferry")]
    public void An_anchor_that_is_gone_a_range_that_is_wrong_or_a_quote_that_is_not_there_is_detached(string? anchor, int start, int end, string exact)
    {
        Assert.Null(HighlightPlacement.Locate(false, 7, 7, Text, anchor ?? Anchor(0), start, Anchor(0), end, exact));
    }
}
