using System.Net;
using System.Text;
using NewsReader.Bench.Cli;

namespace NewsReader.Bench.Web;

/// <summary>
/// <c>annotate --session FILE --slug SLUG --count N [--seed S]</c>: N highlights through the real
/// API, as the reading view makes them (most with a Markdown note, some with tags), plus an
/// article note and colour meanings: a reader's page as the figures read it.
/// </summary>
public static class Annotate
{
    public static readonly string[] Colors = ["yellow", "green", "blue", "pink"];

    public static readonly string[] Tags = ["energy", "transport", "budget", "follow-up", "quote", "health"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var session = Session.Load(options.Required("session"));
        var slug = options.Required("slug");
        var count = options.Int("count", 50);
        var random = new Random(options.Int("seed", 1));
        using var client = session.Client();
        var ranges = await ArticleRanges.LoadAsync(client, slug);

        for (var i = 0; i < count; i++)
        {
            var body = ranges.Pick(random).Json(Colors[i % Colors.Length], Note(random, i), PickTags(random));
            using var response = await client.PostAsync($"/api/articles/{slug}/highlights", new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"creating a highlight gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        if (count > 0)
        {
            await PutAsync(client, $"/api/articles/{slug}/note", "{\"note\":\"Read with the **council minutes**; compare the cost figures with last year's.\"}");
            await PutAsync(client, "/api/colors/yellow", "{\"label\":\"key claim\"}");
            await PutAsync(client, "/api/colors/pink", "{\"label\":\"check this\"}");
        }

        Console.WriteLine($"annotate: {count} highlights on /articles/{slug}");
        return 0;
    }

    /// <summary>Most highlights carry a note, as a reader's do; some run to a few Markdown lines.</summary>
    public static string? Note(Random random, int i) => (i % 4) switch
    {
        0 => null,
        1 => "Worth checking against the *official* figures.",
        2 => $"Point {i}: see the earlier report on the **same project** and the [minutes](https://example.com/minutes/{i}).",
        _ => $"Questions:\n\n- who pays?\n- when does it start?\n\nFollow up with the clerk ({random.Next(100)}).",
    };

    public static string[] PickTags(Random random) => random.Next(3) switch
    {
        0 => [],
        1 => [Tags[random.Next(Tags.Length)]],
        _ => [Tags[random.Next(Tags.Length)], Tags[random.Next(Tags.Length)]],
    };

    private static async Task PutAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }
}
