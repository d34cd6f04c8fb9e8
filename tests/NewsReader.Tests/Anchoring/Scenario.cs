using NewsReader.Anchoring;
using NewsReader.Articles;
using NewsReader.Articles.Parsing;

namespace NewsReader.Tests.Anchoring;

/// <summary>
/// One edit scenario: an article as imported, named highlights on it, and the re-anchored
/// outcome on an edited version. Every highlight's outcome must be asserted (see <see cref="Outcomes"/>).
/// </summary>
internal sealed class Scenario
{
    private readonly List<(string Name, Reanchorer.Target Target)> _highlights = [];

    private Scenario(string source)
    {
        Source = source;
        Text = new ArticleText(Blocks(source));
    }

    public string Source { get; }

    public ArticleText Text { get; }

    public static Scenario FromFixture(string name) =>
        new(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "anchoring", name)));

    public static Scenario FromSource(string source) => new(source);

    /// <summary>Blocks exactly as the importer stores them for this wire text.</summary>
    public static IReadOnlyList<ArticleBlock> Blocks(string source) =>
        StoredBlocks.FromParsed(WireTextParser.Parse(TextDecoder.NormalizeLineEndings(source).TrimStart('\uFEFF')).Blocks);

    /// <summary>Highlights <paramref name="quote"/> where it occurs inside the unique text <paramref name="within"/>.</summary>
    public Scenario Highlight(string name, string quote, string? within = null)
    {
        var start = Find(Text, quote, within);
        _highlights.Add((name, Reanchorer.Target.At(Text, start, start + quote.Length)));
        Assert.Equal(quote, _highlights[^1].Target.Exact);
        return this;
    }

    /// <summary>A highlight exactly as stored, whatever its anchors say.</summary>
    public Scenario Add(string name, Reanchorer.Target target)
    {
        _highlights.Add((name, target));
        return this;
    }

    /// <summary>An orphan from an earlier revision: its quote and context, its anchors stale.</summary>
    public Scenario Orphan(string name, string exact, string prefix, string suffix)
    {
        _highlights.Add((name, new Reanchorer.Target("p-stale", 0, "p-stale", exact.Length, exact, prefix, suffix, IsOrphan: true)));
        return this;
    }

    public Reanchorer.Target this[string name] => _highlights.Single(h => h.Name == name).Target;

    public Outcomes Reanchor(string editedSource)
    {
        var reanchorer = new Reanchorer(Text.Blocks, Blocks(editedSource));
        return new Outcomes(reanchorer.NewText, _highlights.ToDictionary(h => h.Name, h => (h.Target, reanchorer.Reanchor(h.Target))));
    }

    /// <summary>The offset of <paramref name="quote"/> inside the one occurrence of <paramref name="within"/> (default: the quote itself).</summary>
    public static int Find(ArticleText text, string quote, string? within = null)
    {
        within ??= quote;
        var at = text.Text.IndexOf(within, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{within}' is not in the text");
        Assert.True(text.Text.IndexOf(within, at + 1, StringComparison.Ordinal) < 0, $"'{within}' is in the text more than once");
        var inner = within.IndexOf(quote, StringComparison.Ordinal);
        Assert.True(inner >= 0, $"'{quote}' is not inside '{within}'");
        return at + inner;
    }
}

internal static class Edit
{
    /// <summary>Replaces the one occurrence of <paramref name="old"/>; fails when there is none or several.</summary>
    public static string ReplaceOnce(this string source, string old, string replacement)
    {
        var at = source.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' is not in the source");
        Assert.True(source.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"'{old}' is in the source more than once");
        return string.Concat(source.AsSpan(0, at), replacement, source.AsSpan(at + old.Length));
    }
}

/// <summary>The outcomes of one re-anchoring; <see cref="AllChecked"/> fails the test if any highlight went unasserted.</summary>
internal sealed class Outcomes(ArticleText text, Dictionary<string, (Reanchorer.Target Target, ReanchorOutcome Outcome)> outcomes)
{
    private readonly HashSet<string> _checked = [];

    public ArticleText Text => text;

    public ReanchorOutcome this[string name] => outcomes[name].Outcome;

    public bool IsChecked(string name) => _checked.Contains(name);

    /// <summary>
    /// Asserts the highlight is on <paramref name="expected"/>, at its one occurrence inside
    /// <paramref name="within"/>, and that the outcome is self-consistent (range, quote, context).
    /// </summary>
    public Outcomes Anchored(string name, string expected, string? within = null, AnchorMethod? method = null)
    {
        _checked.Add(name);
        var outcome = outcomes[name].Outcome;
        Assert.True(outcome.Range is not null, $"{name} was orphaned; expected it on '{expected}'");
        var range = outcome.Range.Value;
        var (start, end) = (text.Offset(range.Start), text.Offset(range.End));
        Assert.True(expected == outcome.Exact, $"{name}: expected on '{expected}', got '{outcome.Exact}' ({outcome.Method})");
        Assert.Equal(outcome.Exact, text.Slice(start, end));
        Assert.True(Scenario.Find(text, expected, within) == start, $"{name}: on the expected text but at another occurrence");
        Assert.Equal(text.Prefix(start, 32), outcome.Prefix);
        Assert.Equal(text.Suffix(end, 32), outcome.Suffix);
        Assert.Equal(text.Blocks[range.Start.Block].Anchor, range.Start.Anchor);
        Assert.Equal(text.Blocks[range.End.Block].Anchor, range.End.Anchor);
        Assert.InRange(range.Start.Offset, 0, text.Blocks[range.Start.Block].Text.Length - 1);
        Assert.InRange(range.End.Offset, 1, text.Blocks[range.End.Block].Text.Length);
        Assert.True(method is null || method == outcome.Method, $"{name}: expected {method}, got {outcome.Method}");

        return this;
    }

    /// <summary>Asserts the highlight is an orphan that kept its quote and context.</summary>
    public Outcomes Orphaned(string name)
    {
        _checked.Add(name);
        var (target, outcome) = outcomes[name];
        Assert.True(outcome.Range is null, $"{name} should be an orphan but was placed on '{outcome.Exact}' ({outcome.Method})");
        Assert.Equal(AnchorMethod.Orphaned, outcome.Method);
        Assert.Equal(target.Exact, outcome.Exact);
        Assert.Equal(target.Prefix, outcome.Prefix);
        Assert.Equal(target.Suffix, outcome.Suffix);
        return this;
    }

    public void AllChecked()
    {
        var missed = outcomes.Keys.Where(k => !_checked.Contains(k)).ToList();
        Assert.True(missed.Count == 0, "Outcomes not asserted: " + string.Join(", ", missed));
    }
}
