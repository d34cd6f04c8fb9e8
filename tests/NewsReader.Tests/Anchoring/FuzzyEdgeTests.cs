namespace NewsReader.Tests.Anchoring;

/// <summary>
/// A highlight found again by its quote (step 3) after its paragraph moved and was edited:
/// it lands on whole words — never ending inside one ("…the second-large"), never taking in
/// words that were not highlighted — or it is detached.
/// </summary>
public sealed class FuzzyEdgeTests
{
    private const string Source =
        """
        date 2025-05-06 By Ada Lind

        Crane for the north quay

        GDANSK, May 5 (Port Wire) – The port said on Monday it had ordered a new crane for the north quay.

        Work on the quay begins in June and should be finished before the winter storms arrive.

        The port said the new crane would make it the second-largest container terminal in the Baltic by volume, ahead of Gothenburg.

        Unions welcomed the order but asked for training for the crane drivers.
        """;

    private const string Quote = "the new crane would make it the second-largest container terminal in the Baltic";

    /// <summary>The highlight's words that are still there, and nothing after them.</summary>
    private const string Cut = "the new crane would make it the second-largest container terminal";

    /// <summary>The paragraph moves to the end (the diff cannot follow it) and loses words at the highlight's end.</summary>
    [Theory]
    [InlineData("in the Baltic by volume", "by volume", "volume", Cut)]
    [InlineData("in the Baltic by volume", "by tonnage", "tonnage", Cut)]
    [InlineData("in the Baltic by volume", "by volumes handled", "handled", null)]
    [InlineData("second-largest container terminal in the Baltic", "second-largest container terminal", "volume", Cut)]
    [InlineData("the second-largest container terminal in the Baltic", "the second-largest terminal on the coast", "coast", null)]
    public void A_highlight_cut_at_its_end_and_moved_comes_back_on_whole_words_or_not_at_all(string cut, string replacement, string notHighlighted, string? expected)
    {
        var paragraph = "The port said the new crane would make it the second-largest container terminal in the Baltic by volume, ahead of Gothenburg.\n\n";
        var edited = Source.ReplaceOnce(paragraph, "")
            + "\n\n" + paragraph.Trim().ReplaceOnce(cut, replacement) + "\n";
        var scenario = Scenario.FromSource(Source).Highlight("crane", Quote);

        var outcomes = scenario.Reanchor(edited);
        var outcome = outcomes["crane"];
        Assert.Equal(expected, outcome.Range is null ? null : outcome.Exact);

        if (outcome.Range is { } range)
        {
            var text = outcomes.Text.Text;
            var start = outcomes.Text.Offset(range.Start);
            Assert.False(start > 0 && char.IsLetter(text[start - 1]), $"starts inside a word: '{outcome.Exact}'");
            var end = outcomes.Text.Offset(range.End);
            Assert.False(end < text.Length && char.IsLetter(text[end]) && char.IsLetter(text[end - 1]), $"ends inside a word: '{outcome.Exact}'");
            // Nothing that was not highlighted: the new text's words after the cut are not taken in.
            Assert.DoesNotContain(notHighlighted, outcome.Exact, StringComparison.Ordinal);
            Assert.StartsWith("the new crane", outcome.Exact, StringComparison.Ordinal);
        }
    }
}
