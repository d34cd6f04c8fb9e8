using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Articles.Import;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Anchoring;

/// <summary>
/// Re-anchoring through the real importer on real SQLite: two readers' highlights, with notes,
/// colours and tags, follow an article through edited re-imports under the same file name.
/// </summary>
public sealed class ReimportTests(ReimportTests.App app) : IClassFixture<ReimportTests.App>
{
    public sealed class App : TestApp;

    private const string FileName = "harbour-ferries.txt";
    private const string Danner = "“The cables under the harbour are the hard part, and nobody has priced them yet.”";
    private const string DannerParagraph = "“The boats are the easy part,” said Rolf Danner, an independent energy consultant. " + Danner + "\n\n";

    private sealed record Planned(string User, string Quote, string Color, string Note, string[] Tags);

    private static readonly Planned[] Highlights =
    [
        new("reader-a", "crosses teh strait twice a day", "yellow", "Twice a day!", ["commute"]),
        new("reader-a", "The council approved the plan by seven votes to two", "green", "Close vote", ["politics", "council"]),
        new("reader-a", "priced", "pink", "Nobody priced the cables?", []),
        new("reader-b", Danner, "blue", "**Key quote** for the piece", ["grid", "cost"]),
        new("reader-b", "The rest will be borrowed over twenty years.", "yellow", "Debt", ["cost"]),
        new("reader-b", "The council approved the plan by seven votes to two", "pink", "", []),
        new("reader-b", "CHARGING THE FLEET", "green", "Section", []),
    ];

    [Fact]
    public async Task Edited_reimports_reanchor_every_readers_highlights_and_keep_notes_colours_and_tags()
    {
        var ct = TestContext.Current.CancellationToken;
        var original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "anchoring", FileName));
        Assert.Equal(ImportOutcome.Created, (await app.ImportAsync(FileName, original)).Outcome);
        var ids = await CreateHighlightsAsync(ct);

        // Revision 2: a typo fixed inside one highlight, a paragraph cut (two orphans), a sentence moved.
        var edited = original
            .ReplaceOnce("crosses teh strait", "crosses the strait")
            .ReplaceOnce(DannerParagraph, "")
            .ReplaceOnce(" The rest will be borrowed over twenty years.", "")
            .ReplaceOnce("once the new fleet was running.", "once the new fleet was running. The rest will be borrowed over twenty years.");
        var second = await app.ImportAsync(FileName, edited);

        Assert.Equal(ImportOutcome.Updated, second.Outcome);
        Assert.Equal(new ReanchorReport(Unchanged: 3, Mapped: 1, Fuzzy: 1, Orphaned: 2), second.Reanchored);
        var (revision, text, rows) = await LoadAsync(ct);
        AssertPlaced(rows[ids[0]], revision, text, "crosses the strait twice a day");
        AssertPlaced(rows[ids[1]], revision, text, Highlights[1].Quote);
        AssertOrphan(rows[ids[2]], revision, "priced");
        AssertOrphan(rows[ids[3]], revision, Danner);
        AssertPlaced(rows[ids[4]], revision, text, Highlights[4].Quote);
        Assert.EndsWith("once the new fleet was running. ", rows[ids[4]].Prefix, StringComparison.Ordinal);
        AssertPlaced(rows[ids[5]], revision, text, Highlights[5].Quote);
        AssertPlaced(rows[ids[6]], revision, text, Highlights[6].Quote);
        AssertDetailsKept(rows, ids);

        // Revision 3: the cut paragraph is restored, so its orphans find their text again.
        var third = await app.ImportAsync(FileName, edited.ReplaceOnce("\n\nThe first vessel", "\n\n" + DannerParagraph.TrimEnd() + "\n\nThe first vessel"));

        Assert.Equal(new ReanchorReport(Unchanged: 5, Mapped: 0, Fuzzy: 2, Orphaned: 0), third.Reanchored);
        (revision, text, rows) = await LoadAsync(ct);
        AssertPlaced(rows[ids[2]], revision, text, "priced");
        AssertPlaced(rows[ids[3]], revision, text, Danner);
        AssertDetailsKept(rows, ids);
    }

    private async Task<Guid[]> CreateHighlightsAsync(CancellationToken ct) =>
        await app.WithDbAsync(async db =>
        {
            foreach (var user in Highlights.Select(h => h.User).Distinct())
            {
                db.Users.Add(new IdentityUser { Id = user, UserName = $"{user}@example.test", Email = $"{user}@example.test" });
            }

            var article = await db.Articles.SingleAsync(a => a.SourceName == FileName, ct);
            var json = await db.ArticleRevisions.Where(r => r.Id == article.CurrentRevisionId).Select(r => r.BlocksJson).SingleAsync(ct);
            var text = new ArticleText(StoredBlocks.Deserialize(json));
            var ids = new List<Guid>();
            foreach (var planned in Highlights)
            {
                var highlight = new Highlight
                {
                    Id = Guid.CreateVersion7(),
                    UserId = planned.User,
                    ArticleId = article.Id,
                    RevisionId = article.CurrentRevisionId,
                    StartAnchor = "",
                    EndAnchor = "",
                    Exact = "",
                    Color = planned.Color,
                    Note = planned.Note,
                    Tags = planned.Tags.Select(t => new HighlightTag { UserId = planned.User, Name = t }).ToList(),
                };
                var start = Scenario.Find(text, planned.Quote);
                Assert.True(highlight.PlaceAt(text, start, start + planned.Quote.Length));
                db.Highlights.Add(highlight);
                ids.Add(highlight.Id);
            }

            await db.SaveChangesAsync(ct);
            return ids.ToArray();
        });

    private async Task<(int Revision, ArticleText Text, Dictionary<Guid, Highlight> Rows)> LoadAsync(CancellationToken ct) =>
        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.AsNoTracking().SingleAsync(a => a.SourceName == FileName, ct);
            var json = await db.ArticleRevisions.Where(r => r.Id == article.CurrentRevisionId).Select(r => r.BlocksJson).SingleAsync(ct);
            var rows = await db.Highlights.AsNoTracking().Include(h => h.Tags).Where(h => h.ArticleId == article.Id).ToDictionaryAsync(h => h.Id, ct);
            return (article.CurrentRevisionId, new ArticleText(StoredBlocks.Deserialize(json)), rows);
        });

    private static void AssertPlaced(Highlight highlight, int revision, ArticleText text, string expected)
    {
        Assert.False(highlight.IsOrphan, $"'{highlight.Exact}' is an orphan");
        Assert.Equal(revision, highlight.RevisionId);
        Assert.Equal(expected, highlight.Exact);
        var start = text.ToOffset(highlight.StartAnchor, highlight.StartOffset);
        var end = text.ToOffset(highlight.EndAnchor, highlight.EndOffset);
        Assert.NotNull(start);
        Assert.NotNull(end);
        Assert.Equal(Scenario.Find(text, expected, expected == "priced" ? "nobody has priced" : null), start);
        Assert.Equal(expected, text.Slice(start.Value, end!.Value));
        Assert.Equal((text.BlockIndex(highlight.StartAnchor), text.BlockIndex(highlight.EndAnchor)), (highlight.StartBlock, highlight.EndBlock));
        Assert.Equal(text.Prefix(start.Value, HighlightRules.QuoteContextLength), highlight.Prefix);
        Assert.Equal(text.Suffix(end.Value, HighlightRules.QuoteContextLength), highlight.Suffix);
    }

    private static void AssertOrphan(Highlight highlight, int revision, string quote)
    {
        Assert.True(highlight.IsOrphan, $"'{highlight.Exact}' should be an orphan");
        Assert.Equal(revision, highlight.RevisionId);
        Assert.Equal(quote, highlight.Exact);
    }

    private static void AssertDetailsKept(Dictionary<Guid, Highlight> rows, Guid[] ids)
    {
        Assert.Equal(ids.Length, rows.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            var (row, planned) = (rows[ids[i]], Highlights[i]);
            Assert.Equal((planned.User, planned.Color, planned.Note), (row.UserId, row.Color, row.Note));
            Assert.Equal(planned.Tags.Order(), row.Tags.Select(t => t.Name).Order());
        }
    }
}
