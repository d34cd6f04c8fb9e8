using NewsReader.History;

namespace NewsReader.Tests.History;

/// <summary>The word diff of the What changed page: what it marks, in every script, and that its pieces always spell both texts.</summary>
public sealed class WordDiffTests
{
    private static (string Old, string New) Spell(IReadOnlyList<Segment> segments) =>
        (string.Concat(segments.Where(s => s.Kind != SegmentKind.Inserted).Select(s => s.Text)),
         string.Concat(segments.Where(s => s.Kind != SegmentKind.Deleted).Select(s => s.Text)));

    private static string Show(IReadOnlyList<Segment> segments) => string.Concat(segments.Select(s => s.Kind switch
    {
        SegmentKind.Deleted => $"[-{s.Text}-]",
        SegmentKind.Inserted => $"[+{s.Text}+]",
        _ => s.Text,
    }));

    [Theory]
    [InlineData("The council approved the plan.", "The council rejected the plan.", "The council [-approved-][+rejected+] the plan.")]
    [InlineData("a b c d", "a x y d", "a [-b c-][+x y+] d")]
    [InlineData("Prices rose 5%.", "Prices rose 7%.", "Prices rose [-5-][+7+]%.")]
    [InlineData("The plan was approved.", "The plan was approved on Monday.", "The plan was approved[+ on Monday+].")]
    [InlineData("It will, officials said, cost more.", "It will cost more.", "It will[-, officials said,-] cost more.")]
    [InlineData("Same text.", "Same text.", "Same text.")]
    [InlineData("", "New.", "[+New.+]")]
    [InlineData("Old.", "", "[-Old.-]")]
    // CJK: every character is a word of its own, so one changed character is one change.
    [InlineData("东京的天气很好。", "东京的天气很冷。", "东京的天气很[-好-][+冷+]。")]
    [InlineData("今日は雨です", "今日は晴れです", "今日は[-雨-][+晴れ+]です")]
    // Right to left: words are words, whichever way they run.
    [InlineData("قال الوزير إن الخطة ناجحة", "قال الوزير إن الخطة فاشلة", "قال الوزير إن الخطة [-ناجحة-][+فاشلة+]")]
    [InlineData("אמר השר כי התוכנית טובה", "אמר השר כי התוכנית רעה", "אמר השר כי התוכנית [-טובה-][+רעה+]")]
    // Emoji: a whole grapheme cluster changes, never half of one.
    [InlineData("Team wins 🏆🎉 again", "Team wins 🏆 again", "Team wins 🏆[-🎉-] again")]
    [InlineData("Thumbs 👍🏽 up", "Thumbs 👍🏿 up", "Thumbs [-👍🏽-][+👍🏿+] up")]
    [InlineData("Family 👨‍👩‍👧 day", "Family 👨‍👩‍👧‍👦 day", "Family [-👨‍👩‍👧-][+👨‍👩‍👧‍👦+] day")]
    // Combining marks stay with their letter.
    [InlineData("Cafe\u0301 opens", "Cafe opens", "[-Cafe\u0301-][+Cafe+] opens")]
    public void Marks_exactly_what_changed(string before, string after, string expected)
    {
        var segments = WordDiff.Compare(before, after);

        Assert.Equal(expected, Show(segments));
        Assert.Equal((before, after), Spell(segments));
    }

    [Fact]
    public void Insertions_alone_are_not_joined_through_the_spaces_both_texts_keep()
    {
        var segments = WordDiff.Compare("one four", "one two three four");

        Assert.Equal(("one four", "one two three four"), Spell(segments));
        Assert.DoesNotContain(segments, s => s.Kind == SegmentKind.Deleted);
    }

    [Fact]
    public void A_paragraph_too_different_to_diff_cheaply_is_shown_replaced_whole()
    {
        var before = string.Join(' ', Enumerable.Range(0, 2_000).Select(i => $"a{i}"));
        var after = string.Join(' ', Enumerable.Range(0, 2_000).Select(i => $"b{i}"));

        var segments = WordDiff.Compare(before, after);

        Assert.Equal([SegmentKind.Deleted, SegmentKind.Inserted], segments.Select(s => s.Kind));
        Assert.Equal((before, after), Spell(segments));
    }

    [Fact]
    public void Random_edits_always_spell_both_texts()
    {
        var words = "the council said on monday that prices , rose 5 % and 东京 قال 🏆 👍🏽 Zürich".Split(' ');
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var before = Enumerable.Range(0, random.Next(0, 40)).Select(_ => words[random.Next(words.Length)]).ToList();
            var after = before.ToList();
            for (var edit = random.Next(0, 6); edit > 0; edit--)
            {
                var at = random.Next(after.Count + 1);
                switch (random.Next(3))
                {
                    case 0: after.Insert(at, words[random.Next(words.Length)]); break;
                    case 1 when at < after.Count: after.RemoveAt(at); break;
                    case 2 when at < after.Count: after[at] = words[random.Next(words.Length)]; break;
                }
            }

            var (old, @new) = (string.Join(random.Next(2) == 0 ? " " : "  ", before), string.Join(' ', after));
            var segments = WordDiff.Compare(old, @new);

            Assert.Equal((old, @new), Spell(segments));
            // Tidy: no two pieces of one kind in a row, no empty piece.
            Assert.All(segments.Zip(segments.Skip(1)), pair => Assert.False(pair.First.Kind == pair.Second.Kind, $"seed {seed}"));
            Assert.All(segments, s => Assert.NotEqual("", s.Text));
        }
    }

    [Fact]
    public void Similarity_counts_shared_words_not_spaces_or_punctuation()
    {
        Assert.Equal(1.0, WordDiff.Similarity(WordDiff.WordCounts("The plan, approved."), WordDiff.WordCounts("the plan approved")), 3);
        Assert.Equal(0.5, WordDiff.Similarity(WordDiff.WordCounts("one two"), WordDiff.WordCounts("one three")), 3);
        Assert.Equal(0.0, WordDiff.Similarity(WordDiff.WordCounts("alpha"), WordDiff.WordCounts("beta")), 3);
    }
}
