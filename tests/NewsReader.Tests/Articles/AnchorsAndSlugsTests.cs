using NewsReader.Articles;
using NewsReader.Articles.Parsing;

namespace NewsReader.Tests.Articles;

public sealed class AnchorsAndSlugsTests
{
    [Fact]
    public void Unchanged_paragraphs_keep_their_anchor_when_one_is_inserted_above()
    {
        string[] before = ["First paragraph.", "Second paragraph.", "Third paragraph."];
        string[] after = ["A new paragraph at the top.", "First paragraph.", "Second paragraph, edited.", "Third paragraph."];

        var old = BlockAnchors.Assign(before);
        var @new = BlockAnchors.Assign(after);

        Assert.Equal(old[0], @new[1]);
        Assert.Equal(old[2], @new[3]);
        Assert.NotEqual(old[1], @new[2]);
        Assert.Equal(4, @new.Distinct().Count());
    }

    [Fact]
    public void Repeated_text_is_disambiguated_in_document_order()
    {
        var anchors = BlockAnchors.Assign(["Same.", "Other.", "Same.", "Same."]);
        Assert.Equal(anchors[0] + "-2", anchors[2]);
        Assert.Equal(anchors[0] + "-3", anchors[3]);
    }

    [Fact]
    public void Anchors_ignore_wrapping_whitespace_but_not_words()
    {
        Assert.Equal(BlockAnchors.Hash("A  line\u00A0with   spaces"), BlockAnchors.Hash("A line with spaces"));
        Assert.NotEqual(BlockAnchors.Hash("A line with spaces"), BlockAnchors.Hash("A line with space"));
        Assert.Matches("^[a-z2-9]{8}$", BlockAnchors.Hash("x"));
    }

    [Theory]
    [InlineData("Coastal city pilots floating classrooms", "coastal-city-pilots-floating-classrooms")]
    [InlineData("Crème brûlée, São Paulo & Łódź: 2024!", "creme-brulee-sao-paulo-lodz-2024")]
    [InlineData("Straße in München", "strasse-in-munchen")]
    [InlineData("Москва и Киев", "moskva-i-kiev")]
    [InlineData("Αθήνα σήμερα", "athina-simera")]
    public void Slugs_are_ascii(string title, string slug) => Assert.Equal(slug, Slugs.FromTitle(title));

    [Fact]
    public void Untransliterable_titles_get_a_short_hash()
    {
        var slug = Slugs.FromTitle("مهرجان الشعر");
        Assert.Matches("^article-[a-z2-9]{6}$", slug);
        Assert.Equal(slug, Slugs.FromTitle("مهرجان الشعر"));
        Assert.NotEqual(slug, Slugs.FromTitle("השירה היא הבית"));
    }

    [Fact]
    public void Long_titles_are_cut_at_a_word()
    {
        var slug = Slugs.FromTitle(string.Join(' ', Enumerable.Repeat("word", 40)));
        Assert.True(slug.Length <= 60);
        Assert.DoesNotContain("--", slug, StringComparison.Ordinal);
        Assert.False(slug.EndsWith('-'));
    }
}

public sealed class ArticleTextTests
{
    private static readonly ArticleText Text = new([
        new ArticleBlock("p-a", BlockKind.Paragraph, "First."),
        new ArticleBlock("p-b", BlockKind.Paragraph, "Second."),
    ]);

    [Theory]
    [InlineData(0, 6, "p-a", 0, "p-a", 6)]
    [InlineData(0, 8, "p-a", 0, "p-a", 6)]
    [InlineData(6, 15, "p-b", 0, "p-b", 7)]
    [InlineData(3, 11, "p-a", 3, "p-b", 3)]
    public void Ranges_never_start_or_end_in_a_separator_or_at_the_wrong_side_of_a_block_edge(
        int start, int end, string startAnchor, int startOffset, string endAnchor, int endOffset)
    {
        var range = Text.ToRange(start, end);
        Assert.Equal((startAnchor, startOffset, endAnchor, endOffset), (range.Start.Anchor, range.Start.Offset, range.End.Anchor, range.End.Offset));
    }
}
