using System.Diagnostics;
using NewsReader.Bench.Cli;

namespace NewsReader.Bench.Seeding;

/// <summary>
/// <c>seed-state --db PATH --email EMAIL --count N [--seed S]</c>: gives a reader reading state
/// (read, progress, some archived, some favourites) and a tag or two on the N newest articles
/// (the library's first pages), in one transaction, as the article page's toolbar and tag field
/// would leave them — so the signed-in library figure measures a reader whose every card is marked.
/// </summary>
public static class SeedState
{
    private static readonly string[] TagNames = ["economy", "climate", "follow-up", "sources", "long-read"];

    public static Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var count = options.Int("count", 1_000);
        var email = options.Required("email");
        var random = new Random(options.Int("seed", 1));
        using var connection = BenchDb.Open(options.Required("db"));
        var clock = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();

        var userId = BenchDb.UserId(connection, email);

        using var articles = connection.CreateCommand();
        articles.Transaction = transaction;
        articles.CommandText = """
            SELECT Id FROM Articles WHERE DeletedAt IS NULL
            AND NOT EXISTS (SELECT 1 FROM ReadingStates s WHERE s.UserId = $user AND s.ArticleId = Articles.Id)
            ORDER BY SortDate DESC, Id DESC LIMIT $count
            """;
        articles.Parameters.AddWithValue("$user", userId);
        articles.Parameters.AddWithValue("$count", count);
        var ids = new List<int>();
        using (var reader = articles.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        using var states = BenchDb.Insert(connection, transaction, "ReadingStates", "UserId", "ArticleId", "Read", "Archived", "Favorite", "Progress", "UpdatedAt");
        using var tags = BenchDb.Insert(connection, transaction, "ArticleTags", "UserId", "ArticleId", "Name");
        var when = BenchDb.Text(DateTime.UtcNow);
        foreach (var id in ids)
        {
            // Most started, a third finished, one in ten archived (left out of the default view), one in eight a favourite.
            var read = random.Next(3) == 0;
            var progress = read ? 1.0 : Math.Round(random.NextDouble(), 3);
            BenchDb.Run(states, userId, id, read ? 1 : 0, random.Next(10) == 0 ? 1 : 0, random.Next(8) == 0 ? 1 : 0, progress, when);
            foreach (var tag in TagNames.OrderBy(_ => random.Next()).Take(random.Next(3)))
            {
                BenchDb.Run(tags, userId, id, tag);
            }
        }

        transaction.Commit();
        Console.WriteLine($"seed-state: {email} has reading state on {ids.Count:N0} more articles ({clock.Elapsed.TotalSeconds:0.0}s)");
        return Task.FromResult(0);
    }
}
