using NewsReader.Articles.Parsing;
using NewsReader.History;

namespace NewsReader.Tests.History;

/// <summary>Revisions compared block by block: changed, added, removed and moved paragraphs, in reading order.</summary>
public sealed class RevisionDiffTests
{
    private static List<ArticleBlock> Blocks(params string[] texts) =>
        texts.Select((t, i) => new ArticleBlock($"p-{i}", t.StartsWith('#') ? BlockKind.Heading : BlockKind.Paragraph, t.TrimStart('#'))).ToList();

    private static string Show(IReadOnlyList<BlockChange> changes) => string.Join(" | ", changes.Select(c => c.Kind switch
    {
        BlockChangeKind.Unchanged => c.Block.Text,
        BlockChangeKind.Changed or BlockChangeKind.Moved => $"{c.Kind}: " + string.Concat(c.Segments.Select(s => s.Kind switch
        {
            SegmentKind.Deleted => $"[-{s.Text}-]",
            SegmentKind.Inserted => $"[+{s.Text}+]",
            _ => s.Text,
        })),
        _ => $"{c.Kind}: {c.Block.Text}",
    }));

    [Fact]
    public void A_word_changed_a_paragraph_removed_and_one_added()
    {
        var before = Blocks("The ferry crosses the strait twice a day.", "The council approved the plan.", "Critics called it rushed.", "The vote is final.");
        var after = Blocks("The ferry crosses the strait three times a day.", "The council approved the plan.", "The vote is final.", "A second vote follows in May.");

        Assert.Equal(
            "Changed: The ferry crosses the strait [-twice-][+three times+] a day. | The council approved the plan. | Deleted: Critics called it rushed. | The vote is final. | Inserted: A second vote follows in May.",
            Show(RevisionDiff.Compare(before, after)));
    }

    [Fact]
    public void A_moved_paragraph_is_marked_moved_not_removed_and_added()
    {
        var before = Blocks("Alpha opens the piece.", "Beta follows it.", "Gamma closes it.", "Delta is the coda.");
        var after = Blocks("Beta follows it.", "Gamma closes it.", "Alpha opens the piece.", "Delta is the coda.");

        var changes = RevisionDiff.Compare(before, after);

        Assert.Equal("Beta follows it. | Gamma closes it. | Moved: Alpha opens the piece. | Delta is the coda.", Show(changes));
        Assert.False(changes[2].MovedUp);
        Assert.False(changes[2].HasEdits);
    }

    [Fact]
    public void A_paragraph_moved_and_lightly_edited_is_moved_with_its_edits()
    {
        var before = Blocks("The minister resigned on Friday after a week of pressure from her own party.", "Two.", "Three.", "Four.");
        var after = Blocks("Two.", "Three.", "Four.", "The minister resigned on Friday after two weeks of pressure from her own party.");

        var changes = RevisionDiff.Compare(before, after);

        Assert.Equal("Two. | Three. | Four. | Moved: The minister resigned on Friday after [-a week-][+two weeks+] of pressure from her own party.", Show(changes));
        Assert.True(changes[3].HasEdits);
    }

    [Fact]
    public void Unrelated_text_is_removed_and_added_not_paired()
    {
        var changes = RevisionDiff.Compare(Blocks("Storm closes the harbour."), Blocks("Budget passes after long debate."));

        Assert.Equal("Deleted: Storm closes the harbour. | Inserted: Budget passes after long debate.", Show(changes));
    }

    [Fact]
    public void A_heading_is_never_paired_with_a_paragraph()
    {
        var changes = RevisionDiff.Compare(Blocks("#Prices rise", "Body."), Blocks("Prices rise", "Body."));

        Assert.Equal([BlockChangeKind.Deleted, BlockChangeKind.Inserted, BlockChangeKind.Unchanged], changes.Select(c => c.Kind));
    }

    [Fact]
    public void The_same_revision_twice_is_all_unchanged_and_the_comparison_keeps_every_block_of_both()
    {
        var blocks = Blocks("One.", "Two.", "Two.", "Three.");
        Assert.All(RevisionDiff.Compare(blocks, blocks), c => Assert.Equal(BlockChangeKind.Unchanged, c.Kind));

        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var pool = new[] { "One.", "Two words here.", "Two words there.", "Three.", "#Head", "A longer paragraph about prices and the grid." };
            var before = Blocks(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pool[random.Next(pool.Length)]).ToArray());
            var after = Blocks(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pool[random.Next(pool.Length)]).ToArray());

            var changes = RevisionDiff.Compare(before, after);

            // Every new block once, in order; every old block once (as kept, changed, moved or removed).
            Assert.Equal(after.Select(b => b.Text), changes.Where(c => c.Kind != BlockChangeKind.Deleted).Select(c => c.Block.Text));
            Assert.Equal(Enumerable.Range(0, before.Count), changes.Where(c => c.OldIndex is not null).Select(c => c.OldIndex!.Value).Order());
        }
    }
}
