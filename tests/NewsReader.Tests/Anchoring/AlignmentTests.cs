using NewsReader.Anchoring;
using NewsReader.Articles;
using NewsReader.Articles.Parsing;

namespace NewsReader.Tests.Anchoring;

/// <summary>The pieces re-anchoring is built from: normalisation, edit distances, the bounded diff and the offset map.</summary>
public sealed class AlignmentTests
{
    [Fact]
    public void Normalised_text_folds_typography_and_whitespace_and_maps_back_to_raw_offsets()
    {
        var raw = "  “Fine”\u00A0— she said,\n\nﬁnally\u200F. ";
        var normalized = NormalizedText.From(raw);

        Assert.Equal("\"Fine\" - she said, finally.", normalized.Text);
        var she = normalized.Text.IndexOf("she", StringComparison.Ordinal);
        Assert.Equal(raw.IndexOf("she", StringComparison.Ordinal), normalized.RawStart(she));
        var space = normalized.Text.IndexOf(", ", StringComparison.Ordinal) + 1;
        Assert.Equal((raw.IndexOf("\n\n", StringComparison.Ordinal), raw.IndexOf("ﬁ", StringComparison.Ordinal)),
            (normalized.RawStart(space), normalized.RawEnd(space)));
        var ligature = raw.IndexOf("ﬁ", StringComparison.Ordinal);
        Assert.Equal((ligature, ligature + 1), (normalized.RawStart(space + 1), normalized.RawEnd(space + 2)));
        Assert.Equal(normalized.Text, NormalizedText.Fold(raw));
    }

    [Fact]
    public void Normalised_text_composes_accents_and_keeps_emoji_whole()
    {
        Assert.Equal(NormalizedText.Fold("café"), NormalizedText.Fold("cafe\u0301"));
        var raw = "a 👩🏽‍🎤 b";
        var normalized = NormalizedText.From(raw);
        Assert.Equal("a 👩🏽🎤 b", normalized.Text);
        Assert.Equal(2, normalized.RawStart(2));
        Assert.Equal(2, normalized.RawStart(3));
    }

    [Theory]
    [InlineData("kitten", "sitting", 5, 3)]
    [InlineData("teh council", "the council", 5, 2)]
    [InlineData("same", "same", 0, 0)]
    [InlineData("abcdef", "uvwxyz", 3, 4)]
    [InlineData("", "abc", 3, 3)]
    public void Bounded_edit_distance_is_exact_up_to_its_bound(string a, string b, int max, int expected)
    {
        Assert.Equal(expected, EditDistance.Bounded(a, b, max));
        Assert.Equal(expected, EditDistance.Bounded(b, a, max));
    }

    [Fact]
    public void Best_substring_finds_the_closest_match_and_its_edges()
    {
        var text = "the harbour authority voted on Satruday to replace the fleet";

        var match = EditDistance.BestSubstring("voted on Saturday", text, 3);

        Assert.NotNull(match);
        Assert.Equal("voted on Satruday", text[match.Value.Start..match.Value.End]);
        Assert.Equal(2, match.Value.Distance);
        Assert.Null(EditDistance.BestSubstring("unrelated words", text, 3));
    }

    [Fact]
    public void Context_similarity_is_high_for_small_edits_and_low_for_unrelated_text()
    {
        var context = "the council approved the plan by";

        Assert.Equal(1, EditDistance.ContextSimilarity(context, context));
        Assert.InRange(EditDistance.ContextSimilarity(context, "the council aproved the plan by"), 0.8, 1);
        Assert.InRange(EditDistance.ContextSimilarity(context, "workers said prices would rise in"), 0, 0.2);
        Assert.Equal(1, EditDistance.ContextSimilarity("", ""));
        Assert.Equal(0, EditDistance.ContextSimilarity("", context));
    }

    [Fact]
    public void Myers_diff_finds_a_shortest_script_and_gives_up_past_its_bound()
    {
        int[] a = [1, 2, 3, 4, 5, 6];
        int[] b = [1, 3, 4, 9, 5, 6, 7];

        var runs = MyersDiff.Diff(a, b, maxEdits: 10);

        Assert.NotNull(runs);
        Assert.Equal(5, runs.Sum(r => r.Length));
        foreach (var run in runs)
        {
            Assert.Equal(a.AsSpan(run.A, run.Length).ToArray(), b.AsSpan(run.B, run.Length).ToArray());
        }

        Assert.Null(MyersDiff.Diff([1, 2, 3, 4], [5, 6, 7, 8], maxEdits: 3));
        Assert.Equal([new EqualRun(0, 0, 3)], MyersDiff.Diff([1, 2, 3], [1, 2, 3], maxEdits: 0));
    }

    [Fact]
    public void Alignment_maps_offsets_through_typos_insertions_and_deletions()
    {
        var (old, @new) = Texts("The council voted on Satruday to replace teh ferries.", "The city council voted on Saturday to replace the ferries.");
        var alignment = new TextAlignment(old, @new);

        Assert.Equal(@new.Text.IndexOf("council", StringComparison.Ordinal), alignment.MapStart(old.Text.IndexOf("council", StringComparison.Ordinal)));
        var saturday = old.Text.IndexOf("Satruday", StringComparison.Ordinal);
        Assert.Equal("Saturday", @new.Slice(alignment.MapStart(saturday), alignment.MapEnd(saturday + "Satruday".Length)));
        var ferries = old.Text.IndexOf("teh ferries", StringComparison.Ordinal);
        Assert.Equal("the ferries", @new.Slice(alignment.MapStart(ferries), alignment.MapEnd(ferries + "teh ferries".Length)));
    }

    [Fact]
    public void Insertion_at_a_highlight_edge_stays_outside_it()
    {
        var (old, @new) = Texts("Prices rose sharply in March.", "Prices rose very sharply in March and April.");
        var alignment = new TextAlignment(old, @new);
        var start = old.Text.IndexOf("sharply", StringComparison.Ordinal);
        var end = old.Text.IndexOf(" in", StringComparison.Ordinal);

        Assert.Equal("sharply", @new.Slice(alignment.MapStart(start), alignment.MapEnd(end)));
        Assert.Equal("in March", @new.Slice(alignment.MapStart(end + 1), alignment.MapEnd(old.Text.Length - 1)));
    }

    [Fact]
    public void Inserted_paragraph_slides_to_paragraph_boundaries_instead_of_borrowing_a_full_stop()
    {
        // The new paragraph ends in "." like the one before it, so the diff could equally take
        // the old full stop from the new paragraph; the slide puts the whole insertion between paragraphs.
        var (old, @new) = Texts("First, the vote 1184.\n\nSecond paragraph.", "First, the vote was 1184.\n\nAn inserted one.\n\nSecond paragraph.");
        var alignment = new TextAlignment(old, @new);
        var end = old.Text.IndexOf("1184.", StringComparison.Ordinal) + "1184.".Length;

        Assert.Equal(@new.Text.IndexOf("1184.", StringComparison.Ordinal) + "1184.".Length, alignment.MapEnd(end));
        Assert.Equal(0, alignment.MatchedCount(@new.Text.IndexOf("An inserted", StringComparison.Ordinal), @new.Text.IndexOf("\n\nSecond", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unchanged_blocks_are_paired_even_when_paragraphs_move_around_them()
    {
        var (old, @new) = Texts("Alpha one.\n\nBravo two.\n\nCharlie three.\n\nDelta four.", "Delta four, edited.\n\nAlpha one.\n\nBravo two.\n\nCharlie three.");
        var alignment = new TextAlignment(old, @new);

        Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(b => alignment.NewBlockOf(b)!.Value));
        Assert.Null(alignment.NewBlockOf(3));
        Assert.Equal(@new.BlockStart(2), alignment.MapStart(old.BlockStart(1)));
    }

    private static (ArticleText Old, ArticleText New) Texts(string old, string @new) => (Text(old), Text(@new));

    private static ArticleText Text(string paragraphs)
    {
        var texts = paragraphs.Split(StoredBlocks.Separator);
        var anchors = BlockAnchors.Assign(texts);
        return new ArticleText(texts.Select((t, i) => new ArticleBlock(anchors[i], BlockKind.Paragraph, t)).ToList());
    }
}
