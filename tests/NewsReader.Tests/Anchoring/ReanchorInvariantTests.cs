using System.Text;
using NewsReader.Anchoring;

namespace NewsReader.Tests.Anchoring;

/// <summary>
/// Seeded random articles, highlights and edits with ground truth (<see cref="SyntheticArticle"/>):
/// no highlight, orphans included, may land on text that holds none of the characters it was
/// made on, and no highlight untouched by the edits may be orphaned. Several revisions in a
/// row, so orphans get their later chances too.
/// </summary>
public sealed class ReanchorInvariantTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 32)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_edits_never_misplace_a_highlight_and_never_orphan_an_untouched_one(int seed)
    {
        var random = new Random(seed);
        var article = SyntheticArticle.Generate(random, words: 900);
        var highlights = Enumerable.Range(0, 80).Select(_ => TrackedHighlight.Create(article, article.RandomSpan(random))).ToList();
        var failures = new StringBuilder();
        int intact = 0, intactAnchored = 0, lightlyEdited = 0, lightlyEditedAnchored = 0;

        for (var revision = 1; revision <= 4 && failures.Length == 0; revision++)
        {
            var edited = article.Edit(random, edits: random.Next(6, 13));
            var reanchorer = new Reanchorer(article.Blocks, edited.Blocks);
            foreach (var highlight in highlights)
            {
                var quote = highlight.Target.Exact;
                var verdict = highlight.Apply(reanchorer.Reanchor(highlight.Target), article, edited);
                if (verdict.Wrong)
                {
                    failures.AppendLine($"revision {revision}: '{quote}' misplaced on '{verdict.Outcome.Exact}' ({verdict.Outcome.Method})");
                }

                if (verdict.Untouched && !verdict.Anchored)
                {
                    failures.AppendLine($"revision {revision}: untouched '{quote}' orphaned");
                }

                (intact, intactAnchored) = (intact + (verdict.Intact ? 1 : 0), intactAnchored + (verdict.Intact && verdict.Anchored ? 1 : 0));
                (lightlyEdited, lightlyEditedAnchored) =
                    (lightlyEdited + (verdict.LightlyEdited ? 1 : 0), lightlyEditedAnchored + (verdict.LightlyEdited && verdict.Anchored ? 1 : 0));
            }

            if (failures.Length > 0)
            {
                failures.AppendLine("edits: " + string.Join("; ", edited.Edits));
            }

            article = edited;
        }

        Assert.True(failures.Length == 0, failures.ToString());
        TestContext.Current.SendDiagnosticMessage(
            $"seed {seed}: anchored {intactAnchored}/{intact} intact and {lightlyEditedAnchored}/{lightlyEdited} lightly edited highlights");
    }
}
