using System.Text;
using NewsReader.Anchoring;
using NewsReader.Articles;
using NewsReader.Articles.Parsing;

namespace NewsReader.Tests.Anchoring;

/// <summary>A character of a synthetic article and the offset it had in the previous revision (-1: new text).</summary>
public readonly record struct Cell(char C, int Origin);

/// <summary>
/// Invented news articles and realistic edits with ground truth: every character remembers
/// where it was in the previous revision, so the test and the benchmark know exactly which
/// text of each highlight survived an edit, and where. Shared (as a linked file) by the
/// randomised invariant test and bench/NewsReader.Bench, so it uses only public API.
/// </summary>
public sealed class SyntheticArticle
{
    private static readonly string[] Words =
    [
        "council", "harbour", "ferry", "budget", "minister", "report", "plan", "city", "vote", "energy", "price", "prices",
        "water", "school", "teachers", "union", "strike", "court", "ruling", "police", "market", "bank", "rates", "loan",
        "year", "month", "week", "morning", "evening", "residents", "families", "workers", "farmers", "drivers", "tenants",
        "bridge", "road", "railway", "station", "airport", "hospital", "doctors", "nurses", "patients", "museum", "library",
        "said", "told", "warned", "added", "argued", "agreed", "promised", "expected", "planned", "approved", "rejected",
        "would", "could", "should", "might", "will", "had", "has", "was", "were", "is", "are", "been", "being",
        "the", "the", "the", "a", "a", "an", "of", "of", "in", "in", "on", "to", "to", "for", "with", "by", "at", "from",
        "and", "and", "but", "or", "after", "before", "during", "while", "because", "although", "since", "until",
        "new", "old", "local", "national", "regional", "public", "private", "small", "large", "early", "late", "higher",
        "lower", "final", "first", "second", "third", "last", "next", "several", "many", "few", "most", "some", "all",
        "storm", "flood", "drought", "harvest", "winter", "summer", "spring", "autumn", "coast", "island", "valley",
        "election", "campaign", "party", "leader", "mayor", "governor", "committee", "inquiry", "contract", "tender",
        "company", "factory", "shipyard", "mine", "port", "terminal", "fleet", "vessel", "cargo", "grid", "cables",
        "quickly", "slowly", "finally", "already", "still", "again", "almost", "nearly", "only", "also", "never",
        "cost", "costs", "rise", "fall", "delay", "delays", "cuts", "funds", "taxes", "fees", "fares", "wages", "jobs",
        "Lindqvist", "Okafor", "Marchetti", "Haddad", "Novak", "Brennan", "Sato", "Moreau", "Kowalski", "Reyes",
    ];

    private static readonly string[] Names =
        ["Ada Lindqvist", "Tomas Okafor", "Giulia Marchetti", "Rami Haddad", "Petra Novak", "Sean Brennan", "Yuki Sato", "Claire Moreau"];

    private readonly List<List<Cell>> _paragraphs;
    private readonly List<string> _edits;

    private SyntheticArticle(List<List<Cell>> paragraphs, List<string> edits)
    {
        _paragraphs = paragraphs;
        _edits = edits;
        var text = new StringBuilder();
        var origins = new List<int>();
        foreach (var paragraph in paragraphs)
        {
            if (text.Length > 0)
            {
                text.Append(StoredBlocks.Separator);
                origins.Add(-1);
                origins.Add(-1);
            }

            foreach (var cell in paragraph)
            {
                text.Append(cell.C);
                origins.Add(cell.Origin);
            }
        }

        var texts = paragraphs.Select(p => new string(p.Select(c => c.C).ToArray())).ToList();
        var anchors = BlockAnchors.Assign(texts);
        Blocks = texts.Select((t, i) => new ArticleBlock(anchors[i], BlockKind.Paragraph, t)).ToList();
        Text = new ArticleText(Blocks);
        Origins = origins.ToArray();
    }

    public IReadOnlyList<ArticleBlock> Blocks { get; }

    public ArticleText Text { get; }

    /// <summary>For each character of <see cref="Text"/>: its offset in the previous revision's text, or -1 when new.</summary>
    public int[] Origins { get; }

    /// <summary>The edits that made this revision from the previous one, for failure messages.</summary>
    public IReadOnlyList<string> Edits => _edits;

    public int WordCount => ReadingTime.CountWords(Blocks.Select(b => b.Text));

    public static SyntheticArticle Generate(Random random, int words)
    {
        var paragraphs = new List<List<Cell>>();
        var count = 0;
        while (count < words)
        {
            var paragraph = NewParagraph(random);
            count += paragraph.Count(c => c.C == ' ') + 1;
            paragraphs.Add(paragraph);
        }

        return new SyntheticArticle(paragraphs, []);
    }

    /// <summary>A new revision after <paramref name="edits"/> random realistic edits.</summary>
    public SyntheticArticle Edit(Random random, int edits)
    {
        var offset = 0;
        var paragraphs = new List<List<Cell>>();
        foreach (var paragraph in _paragraphs)
        {
            paragraphs.Add(paragraph.Select((c, i) => new Cell(c.C, offset + i)).ToList());
            offset += paragraph.Count + StoredBlocks.Separator.Length;
        }

        var log = new List<string>();
        while (log.Count < edits)
        {
            if (ApplyRandomEdit(random, paragraphs) is { } edit)
            {
                log.Add(edit);
            }
        }

        paragraphs.RemoveAll(p => p.Count == 0);
        return new SyntheticArticle(paragraphs, log);
    }

    /// <summary>A word-aligned span to highlight: a word, a phrase, a sentence or so, or across two paragraphs.</summary>
    public (int Start, int End) RandomSpan(Random random)
    {
        var block = random.Next(Blocks.Count);
        var kind = random.NextDouble();
        var words = WordBounds(Blocks[block].Text);
        var baseOffset = Text.BlockStart(block);
        if (kind > 0.88 && block + 1 < Blocks.Count)
        {
            var next = WordBounds(Blocks[block + 1].Text);
            var from = words[Math.Max(0, words.Count - random.Next(1, 7))];
            var to = next[Math.Min(next.Count - 1, random.Next(0, 6))];
            return (baseOffset + from.Start, Text.BlockStart(block + 1) + to.End);
        }

        var length = kind switch
        {
            < 0.15 => 1,
            < 0.65 => random.Next(2, 9),
            _ => random.Next(8, 26),
        };
        var first = random.Next(words.Count);
        var last = Math.Min(words.Count - 1, first + length - 1);
        return (baseOffset + words[first].Start, baseOffset + words[last].End);
    }

    /// <summary>
    /// Whether the old text [oldStart, oldEnd) came through into this revision whole: every
    /// visible character survived, in one piece that reads the same (folded), maybe moved.
    /// </summary>
    public bool Survived(string oldText, int oldStart, int oldEnd, double maxEditRatio = 0)
    {
        var survivors = new List<int>();
        for (var i = 0; i < Origins.Length; i++)
        {
            var origin = Origins[i];
            if (origin >= oldStart && origin < oldEnd && !char.IsWhiteSpace(oldText[origin]))
            {
                survivors.Add(i);
            }
        }

        var visible = 0;
        for (var i = oldStart; i < oldEnd; i++)
        {
            visible += char.IsWhiteSpace(oldText[i]) ? 0 : 1;
        }

        if (survivors.Count == 0 || (maxEditRatio == 0 && survivors.Count < visible))
        {
            return false;
        }

        var quote = NormalizedText.Fold(oldText.AsSpan(oldStart, oldEnd - oldStart));
        var now = NormalizedText.Fold(Text.Text.AsSpan(survivors[0], survivors[^1] + 1 - survivors[0]));
        var maxEdits = (int)(quote.Length * maxEditRatio);
        return EditDistance.Bounded(quote, now, maxEdits) <= maxEdits;
    }

    private string? ApplyRandomEdit(Random random, List<List<Cell>> paragraphs)
    {
        var p = random.Next(paragraphs.Count);
        var paragraph = paragraphs[p];
        var roll = random.Next(110);
        switch (roll)
        {
            case < 22:
                {
                    var word = PickWord(random, paragraph, minLength: 4);
                    if (word is not { } w)
                    {
                        return null;
                    }

                    var at = w.Start + random.Next(1, w.Length);
                    var letter = (char)('a' + random.Next(26));
                    if (letter == paragraph[at].C)
                    {
                        return null;
                    }

                    paragraph[at] = new Cell(letter, -1);
                    return $"typo fixed in paragraph {p}";
                }

            case < 36:
                {
                    if (PickWord(random, paragraph, minLength: 2) is not { } w)
                    {
                        return null;
                    }

                    var replacement = Words[random.Next(Words.Length)];
                    if (char.IsUpper(paragraph[w.Start].C))
                    {
                        replacement = char.ToUpperInvariant(replacement[0]) + replacement[1..];
                    }

                    if (replacement == string.Concat(paragraph.Skip(w.Start).Take(w.Length).Select(c => c.C)))
                    {
                        return null;                            // the same word: no edit (its characters would count as new)
                    }

                    paragraph.RemoveRange(w.Start, w.Length);
                    paragraph.InsertRange(w.Start, New(replacement));
                    return $"word changed in paragraph {p}";
                }

            case < 44:
                {
                    if (PickWord(random, paragraph, minLength: 1) is not { } w || w.Start == 0 || paragraph[w.Start - 1].C != ' ')
                    {
                        return null;
                    }

                    paragraph.RemoveRange(w.Start - 1, w.Length + 1);
                    return $"word removed in paragraph {p}";
                }

            case < 52:
                {
                    if (PickWord(random, paragraph, minLength: 1) is not { } w || w.Start == 0)
                    {
                        return null;
                    }

                    paragraph.InsertRange(w.Start, New(Words[random.Next(Words.Length)] + " "));
                    return $"word inserted in paragraph {p}";
                }

            case < 60:
                {
                    var starts = SentenceStarts(paragraph);
                    var k = random.Next(starts.Count + 1);
                    var sentence = NewSentence(random);
                    if (k == starts.Count)
                    {
                        paragraph.AddRange(New(" " + sentence));
                    }
                    else
                    {
                        paragraph.InsertRange(starts[k], New(sentence + " "));
                    }

                    return $"sentence inserted in paragraph {p}";
                }

            case < 68:
                {
                    if (TakeSentence(random, paragraph) is null)
                    {
                        return null;
                    }

                    return $"sentence deleted in paragraph {p}";
                }

            case < 73:
                {
                    var target = random.Next(paragraphs.Count);
                    if (target == p || TakeSentence(random, paragraph) is not { } sentence)
                    {
                        return null;
                    }

                    var starts = SentenceStarts(paragraphs[target]);
                    var k = random.Next(starts.Count);
                    paragraphs[target].InsertRange(starts[k], [.. sentence, new Cell(' ', -1)]);
                    return $"sentence moved from paragraph {p} to {target}";
                }

            case < 81:
                paragraphs.Insert(random.Next(paragraphs.Count + 1), NewParagraph(random));
                return $"paragraph inserted near {p}";

            case < 86:
                if (paragraphs.Count <= 3)
                {
                    return null;
                }

                paragraphs.RemoveAt(p);
                return $"paragraph {p} deleted";

            case < 91:
                {
                    var starts = SentenceStarts(paragraph);
                    if (starts.Count < 2)
                    {
                        return null;
                    }

                    var at = starts[random.Next(1, starts.Count)];
                    paragraphs.Insert(p + 1, paragraph[at..]);
                    paragraph.RemoveRange(at - 1, paragraph.Count - at + 1);
                    return $"paragraph {p} split";
                }

            case < 95:
                if (p + 1 >= paragraphs.Count)
                {
                    return null;
                }

                paragraph.Add(new Cell(' ', -1));
                paragraph.AddRange(paragraphs[p + 1]);
                paragraphs.RemoveAt(p + 1);
                return $"paragraphs {p} and {p + 1} merged";

            case < 98:
                {
                    var changed = false;
                    for (var i = 0; i < paragraph.Count; i++)
                    {
                        var straight = paragraph[i].C switch
                        {
                            '“' or '”' => '"',
                            '’' => '\'',
                            _ => '\0',
                        };
                        if (straight != '\0')
                        {
                            paragraph[i] = new Cell(straight, -1);
                            changed = true;
                        }
                    }

                    return changed ? $"quotes straightened in paragraph {p}" : null;
                }

            case < 100:
                {
                    var spaces = Enumerable.Range(0, paragraph.Count).Where(i => paragraph[i].C == ' ').ToList();
                    if (spaces.Count == 0)
                    {
                        return null;
                    }

                    paragraph.Insert(spaces[random.Next(spaces.Count)], new Cell(' ', -1));
                    return $"double space in paragraph {p}";
                }

            case < 105:
                {
                    // Moved and lightly edited: the diff cannot follow it, its neighbours are new.
                    var target = random.Next(paragraphs.Count);
                    if (target == p)
                    {
                        return null;
                    }

                    paragraphs.RemoveAt(p);
                    ChangeWord(random, paragraph);
                    paragraphs.Insert(Math.Min(target, paragraphs.Count), paragraph);
                    return $"paragraph {p} moved to {target} with a word changed";
                }

            default:
                {
                    var target = random.Next(paragraphs.Count);
                    if (target == p || TakeSentence(random, paragraph) is not { } sentence)
                    {
                        return null;
                    }

                    ChangeWord(random, sentence);
                    var starts = SentenceStarts(paragraphs[target]);
                    paragraphs[target].InsertRange(starts[random.Next(starts.Count)], [.. sentence, new Cell(' ', -1)]);
                    return $"sentence moved from paragraph {p} to {target} with a word changed";
                }
        }
    }

    /// <summary>One word of two letters or more replaced by another (a new word: no origin).</summary>
    private static void ChangeWord(Random random, List<Cell> cells)
    {
        if (PickWord(random, cells, minLength: 2) is not { } w)
        {
            return;
        }

        var replacement = Words[random.Next(Words.Length)];
        if (char.IsUpper(cells[w.Start].C))
        {
            replacement = char.ToUpperInvariant(replacement[0]) + replacement[1..];
        }

        if (replacement == string.Concat(cells.Skip(w.Start).Take(w.Length).Select(c => c.C)))
        {
            return;
        }

        cells.RemoveRange(w.Start, w.Length);
        cells.InsertRange(w.Start, New(replacement));
    }

    /// <summary>Removes a whole sentence (with one space beside it) from a paragraph of two or more.</summary>
    private static List<Cell>? TakeSentence(Random random, List<Cell> paragraph)
    {
        var starts = SentenceStarts(paragraph);
        if (starts.Count < 2)
        {
            return null;
        }

        var k = random.Next(starts.Count);
        var start = starts[k];
        var end = k + 1 < starts.Count ? starts[k + 1] - 1 : paragraph.Count;
        var sentence = paragraph[start..end];
        if (k + 1 < starts.Count)
        {
            paragraph.RemoveRange(start, end - start + 1);
        }
        else
        {
            paragraph.RemoveRange(start - 1, end - start + 1);
        }

        return sentence;
    }

    /// <summary>Sentence starts: 0, and every position after ". " (a closing quote may follow the full stop).</summary>
    private static List<int> SentenceStarts(List<Cell> paragraph)
    {
        var starts = new List<int> { 0 };
        for (var i = 1; i + 1 < paragraph.Count; i++)
        {
            if (paragraph[i].C == ' ' && (paragraph[i - 1].C == '.' || (paragraph[i - 1].C is '”' or '"' && i > 1 && paragraph[i - 2].C == '.')))
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static (int Start, int Length)? PickWord(Random random, List<Cell> paragraph, int minLength)
    {
        var words = new List<(int Start, int Length)>();
        for (var i = 0; i < paragraph.Count;)
        {
            if (!char.IsLetter(paragraph[i].C))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < paragraph.Count && char.IsLetter(paragraph[i].C))
            {
                i++;
            }

            if (i - start >= minLength)
            {
                words.Add((start, i - start));
            }
        }

        return words.Count == 0 ? null : words[random.Next(words.Count)];
    }

    private static List<(int Start, int End)> WordBounds(string text)
    {
        var words = new List<(int Start, int End)>();
        for (var i = 0; i < text.Length;)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && text[i] != ' ')
            {
                i++;
            }

            words.Add((start, i));
        }

        return words;
    }

    private static List<Cell> New(string text) => text.Select(c => new Cell(c, -1)).ToList();

    private static List<Cell> NewParagraph(Random random)
    {
        var sentences = Enumerable.Range(0, random.Next(1, 5)).Select(_ => NewSentence(random));
        return New(string.Join(' ', sentences));
    }

    private static string NewSentence(Random random)
    {
        var count = random.Next(7, 23);
        var words = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var word = random.Next(12) == 0 ? random.Next(2, 2040).ToString(System.Globalization.CultureInfo.InvariantCulture) : Words[random.Next(Words.Length)];
            words.Add(word);
            if (i > 2 && i < count - 2 && random.Next(8) == 0)
            {
                words[^1] += ",";
            }
        }

        var body = string.Join(' ', words).TrimEnd(',');
        body = char.ToUpperInvariant(body[0]) + body[1..];
        return random.Next(6) == 0
            ? $"“{body},” said {Names[random.Next(Names.Length)]}."
            : body + ".";
    }
}

/// <summary>What one re-anchoring did, judged against ground truth.</summary>
/// <param name="Outcome">What the re-anchorer decided.</param>
/// <param name="WasOrphan">The highlight was already an orphan before this revision.</param>
/// <param name="Wrong">Placed on text holding none of the characters it was made on.</param>
/// <param name="Untouched">Its text and its 32 characters of context either side came through whole: must stay anchored.</param>
/// <param name="Intact">Its text came through whole (perhaps moved, perhaps with new neighbours).</param>
/// <param name="LightlyEdited">Its text came through within the edit tolerance (a typo, a stray word).</param>
public sealed record Verdict(ReanchorOutcome Outcome, bool WasOrphan, bool Wrong, bool Untouched, bool Intact, bool LightlyEdited)
{
    public bool Anchored => Outcome.Range is not null;
}

/// <summary>
/// A highlight followed through revisions with its ground truth: the offsets, in the current
/// revision, of the visible characters it was placed on before the last edit ("the text it was
/// made on, as edited"). An orphan carries the truth of its last place forward, so a later
/// re-attachment is judged too.
/// </summary>
public sealed class TrackedHighlight
{
    private TrackedHighlight(Reanchorer.Target target, int[] truth)
    {
        Target = target;
        Truth = truth;
    }

    public Reanchorer.Target Target { get; private set; }

    /// <summary>Offsets in the current revision of the visible characters this highlight was last placed on.</summary>
    public int[] Truth { get; private set; }

    public static TrackedHighlight Create(SyntheticArticle article, (int Start, int End) span)
    {
        var target = Reanchorer.Target.At(article.Text, span.Start, span.End);
        var start = article.Text.ToOffset(target.StartAnchor, target.StartOffset)!.Value;
        var end = article.Text.ToOffset(target.EndAnchor, target.EndOffset)!.Value;
        return new TrackedHighlight(target, Enumerable.Range(start, end - start).Where(i => !char.IsWhiteSpace(article.Text.Text[i])).ToArray());
    }

    /// <summary>Judges the outcome of re-anchoring from <paramref name="before"/> to <paramref name="after"/>, then moves on to it.</summary>
    public Verdict Apply(ReanchorOutcome outcome, SyntheticArticle before, SyntheticArticle after)
    {
        var mine = new bool[before.Text.Text.Length];
        foreach (var offset in Truth)
        {
            mine[offset] = true;
        }

        Truth = Enumerable.Range(0, after.Origins.Length).Where(i => after.Origins[i] >= 0 && mine[after.Origins[i]]).ToArray();
        var wrong = false;
        if (outcome.Range is { } range)
        {
            var (start, end) = (after.Text.Offset(range.Start), after.Text.Offset(range.End));
            wrong = !Truth.Any(p => p >= start && p < end);
        }

        bool untouched = false, intact = false, lightlyEdited = false;
        if (!Target.IsOrphan)
        {
            var text = before.Text.Text;
            var start = before.Text.ToOffset(Target.StartAnchor, Target.StartOffset)!.Value;
            var end = before.Text.ToOffset(Target.EndAnchor, Target.EndOffset)!.Value;
            const int Context = 32;
            untouched = after.Survived(text, Math.Max(0, start - Context), Math.Min(text.Length, end + Context));
            intact = after.Survived(text, start, end);
            lightlyEdited = after.Survived(text, start, end, AnchorThresholds.MaxEditRatio);
        }

        var verdict = new Verdict(outcome, Target.IsOrphan, wrong, untouched, intact, lightlyEdited);
        if (outcome.Range is { } r)
        {
            Target = new Reanchorer.Target(r.Start.Anchor, r.Start.Offset, r.End.Anchor, r.End.Offset, outcome.Exact, outcome.Prefix, outcome.Suffix, IsOrphan: false);
            var (start, end) = (after.Text.Offset(r.Start), after.Text.Offset(r.End));
            Truth = Enumerable.Range(start, end - start).Where(i => !char.IsWhiteSpace(after.Text.Text[i])).ToArray();
        }
        else
        {
            Target = Target with { IsOrphan = true };
        }

        return verdict;
    }
}
