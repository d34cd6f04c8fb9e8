using System.Diagnostics;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Web;

namespace NewsReader.Bench.Seeding;

/// <summary>
/// <c>seed-highlights --db PATH --email EMAIL --total N [--per-article 10] [--seed S]</c>: gives a
/// reader N highlights, spread over articles they have not highlighted yet, in one transaction.
/// Each is placed and quoted by the API's own validation against the article's current revision,
/// so pages, My notes and exports treat them like any other; most have notes, some tags.
/// </summary>
public static class SeedHighlights
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var total = options.Int("total", 1_000);
        var perArticle = options.Int("per-article", 10);
        var email = options.Required("email");
        using var connection = BenchDb.Open(options.Required("db"));
        var clock = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();

        var userId = BenchDb.UserId(connection, email);
        var existing = (int)BenchDb.Scalar(connection, "SELECT count(*) FROM Highlights WHERE UserId = $user", ("$user", userId));
        var needed = total - existing;
        var random = new Random(options.Int("seed", 1) + existing);

        using var articles = connection.CreateCommand();
        articles.CommandText = """
            SELECT a.Id, a.CurrentRevisionId, r.BlocksJson FROM Articles a JOIN ArticleRevisions r ON r.Id = a.CurrentRevisionId
            WHERE NOT EXISTS (SELECT 1 FROM Highlights h WHERE h.UserId = $user AND h.ArticleId = a.Id)
            ORDER BY a.Id LIMIT $count
            """;
        articles.Parameters.AddWithValue("$user", userId);
        articles.Parameters.AddWithValue("$count", (needed + perArticle - 1) / perArticle);
        using var highlights = BenchDb.Insert(connection, transaction, "Highlights", "Id", "UserId", "ArticleId", "RevisionId", "StartAnchor",
            "StartOffset", "EndAnchor", "EndOffset", "StartBlock", "EndBlock", "Exact", "Prefix", "Suffix", "Color", "Note", "NoteHtml",
            "IsOrphan", "CreatedAt", "UpdatedAt");
        using var tags = BenchDb.Insert(connection, transaction, "HighlightTags", "HighlightId", "UserId", "Name");

        var created = DateTime.UtcNow.AddDays(-400);
        using (var reader = articles.ExecuteReader())
        {
            while (needed > 0 && reader.Read())
            {
                var (articleId, revisionId) = (reader.GetInt32(0), reader.GetInt32(1));
                var text = new ArticleText(StoredBlocks.Deserialize(reader.GetString(2)));
                var ranges = new ArticleRanges(text.Blocks.Select(b => (b.Anchor, b.Text)).ToList());
                for (var i = 0; i < perArticle && needed > 0; i++, needed--)
                {
                    created = created.AddSeconds(random.Next(1, 300));
                    var h = Place(ranges.Pick(random), text, random, i, created);
                    var id = BenchDb.Text(h.Id);
                    var when = BenchDb.Text(created);
                    BenchDb.Run(highlights, id, userId, articleId, revisionId, h.StartAnchor, h.StartOffset, h.EndAnchor, h.EndOffset,
                        h.StartBlock, h.EndBlock, h.Exact, h.Prefix, h.Suffix, h.Color, h.Note, h.NoteHtml, 0, when, when);
                    foreach (var tag in h.Tags)
                    {
                        BenchDb.Run(tags, id, userId, tag.Name);
                    }
                }
            }
        }

        if (needed > 0)
        {
            throw new InvalidOperationException($"not enough articles without highlights of {email} for {total:N0} highlights");
        }

        transaction.Commit();
        Console.WriteLine($"seed-highlights: {email} has {Math.Max(existing, total):N0} highlights ({clock.Elapsed.TotalSeconds:0.0}s)");
        return Task.FromResult(0);
    }

    /// <summary>A highlight placed and quoted by the API's own validation, with a note and tags as readers write them.</summary>
    private static Highlight Place(RangeRequest request, ArticleText text, Random random, int i, DateTime created)
    {
        var errors = new Dictionary<string, string[]>();
        var range = HighlightValidation.Range(text, new Position(request.StartAnchor, request.StartOffset),
            new Position(request.EndAnchor, request.EndOffset), request.Exact, errors)
            ?? throw new InvalidOperationException("a generated range is not valid: " + string.Join("; ", errors.SelectMany(e => e.Value)));
        var highlight = new Highlight
        {
            Id = Guid.CreateVersion7(created),
            UserId = "",
            StartAnchor = "",
            EndAnchor = "",
            Exact = "",
            Color = Annotate.Colors[random.Next(Annotate.Colors.Length)],
            Note = Annotate.Note(random, i) ?? "",
            Tags = HighlightRules.NormalizeTags(Annotate.PickTags(random)).Select(t => new HighlightTag { UserId = "", Name = t }).ToList(),
        };
        if (!highlight.PlaceAt(text, range.Start, range.End))
        {
            throw new InvalidOperationException("a generated range holds no text");
        }

        return highlight;
    }
}
