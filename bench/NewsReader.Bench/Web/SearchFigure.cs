using System.Globalization;
using System.Net;
using System.Text.Json;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Figures;
using NewsReader.Bench.Seeding;

namespace NewsReader.Bench.Web;

/// <summary>
/// <c>search --session FILE --db FILE [--seconds 10] [--max-p99 20] --results FILE</c>: the search
/// API under wrk, signed in as a reader with many highlights, cycling through a mix of one-word,
/// phrase, prefix and filtered queries over the generated corpus (whose small vocabulary makes
/// most words common: thousands of matches each). Each query is checked first to answer 200 with
/// results; then its p99 and rate, and the full-text index's size on disk.
/// </summary>
public static class SearchFigure
{
    /// <summary>The mix: words from the generated articles and the bench's notes and tags.</summary>
    public static readonly string[] Queries =
    [
        "estuary", "cannery", "hospital", "petition", "turnout",
        "\"night ferry\"", "\"sea wall\"", "\"town clerk\"",
        "dredg*", "classr*", "tarif*",
        "ferry tag:transport", "harbour color:yellow", "official in:notes", "estuary after:2024-06-01",
        "author:okafor council", "wind farm -winter", "ferry OR toll",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var session = Session.Load(options.Required("session"));
        var seconds = options.Int("seconds", 10);
        var maxP99 = options.Double("max-p99") ?? 20;
        using var client = session.Client();
        foreach (var query in Queries)
        {
            using var response = await client.GetAsync(Path(query));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"search '{query}' answered {(int)response.StatusCode}: {body}");
            }

            using var json = JsonDocument.Parse(body);
            var total = json.RootElement.GetProperty("total");
            Console.WriteLine($"  '{query}': {total.GetProperty("articles").GetInt32():N0} articles, {total.GetProperty("highlights").GetInt32():N0} highlights");
            if (total.GetProperty("articles").GetInt32() + total.GetProperty("highlights").GetInt32() == 0)
            {
                throw new InvalidOperationException($"search '{query}' found nothing: the mix would measure empty answers");
            }
        }

        var script = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"newsreader-search-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, Script(session));
        try
        {
            var url = session.BaseUrl.TrimEnd('/') + "/";
            var result = await Wrk.RunAsync(url, [], new Wrk.Settings(Seconds: seconds, WarmupSeconds: 3), script);
            var results = options.Get("results");
            Results.Append(results, new Figure($"search, {Queries.Length} queries in turn: p99 at 32 connections", result.P99Ms, "ms", null,
                $"≤ {maxP99.ToString(CultureInfo.InvariantCulture)} ms", result.Clean && result.P99Ms <= maxP99, result.Clean ? null : result.ErrorNote));
            Results.Append(results, new Figure("search (req/s)", result.RequestsPerSecond, "req/s"));

            // Every request a search nobody made before: two words of the corpus, so no kept page of
            // results answers and each costs the engine's full work (the worst case: common words).
            await File.WriteAllTextAsync(script, DistinctScript(session));
            var distinct = await Wrk.RunAsync(url, [], new Wrk.Settings(Seconds: seconds, WarmupSeconds: 2), script);
            Results.Append(results, new Figure("search, a new pair of common words each time: p99 at 32 connections", distinct.P99Ms, "ms",
                Note: distinct.Clean ? null : distinct.ErrorNote));
            Results.Append(results, new Figure("search, a new pair of common words each time (req/s)", distinct.RequestsPerSecond, "req/s"));

            using var db = BenchDb.Open(options.Required("db"));
            // The FTS5 tables' bytes (index blocks, stored text, sizes) and the highlight row map; SQLite's
            // dbstat table, which would count pages, is not compiled into the bundled SQLite.
            var bytes = BenchDb.Scalar(db,
                """
                SELECT (SELECT coalesce(sum(length(block)), 0) FROM ArticleSearch_data)
                     + (SELECT coalesce(sum(length(c0) + length(c1) + length(c2) + length(c3)), 0) FROM ArticleSearch_content)
                     + (SELECT coalesce(sum(length(sz)), 0) FROM ArticleSearch_docsize)
                     + (SELECT coalesce(sum(length(block)), 0) FROM HighlightSearch_data)
                     + (SELECT coalesce(sum(length(c0) + length(c1) + length(c2)), 0) FROM HighlightSearch_content)
                     + (SELECT coalesce(sum(length(sz)), 0) FROM HighlightSearch_docsize)
                     + (SELECT coalesce(sum(length(HighlightId) + length(UserId) + 8), 0) FROM HighlightSearchRows)
                """);
            var articles = BenchDb.Scalar(db, "SELECT count(*) FROM ArticleSearch");
            var highlights = BenchDb.Scalar(db, "SELECT count(*) FROM HighlightSearch");
            Results.Append(results, new Figure("search index on disk", bytes / 1024.0 / 1024.0, "MB",
                Note: string.Create(CultureInfo.InvariantCulture, $"{articles:N0} articles, {highlights:N0} highlights; index and stored text, bytes of its rows")));
            Console.WriteLine($"  (p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms; {result.ErrorNote})");
        }
        finally
        {
            File.Delete(script);
        }

        return 0;
    }

    private static string Path(string query) => "/api/search?q=" + Uri.EscapeDataString(query);

    /// <summary>Words every generated article draws from: each is in thousands of them.</summary>
    private static readonly string[] CommonWords =
    [
        "harbour", "council", "ferry", "estuary", "hospital", "petition", "contract", "winter", "bridge", "school",
        "nurses", "fishermen", "grid", "toll", "market", "flood", "timetable", "residents", "minutes", "clerk",
    ];

    private static string DistinctScript(Session session) =>
        $$"""
        -- Generated by NewsReader.Bench `search`: a pair of common words and a number nobody searched before, each request.
        local words = { {{string.Join(", ", CommonWords.Select(w => "\"" + w + "\""))}} }
        local cookie = {{Lua.Quote(session.Cookie)}}
        {{Lua.ThreadIds}}
        function init(args)
          math.randomseed(os.time() * 7 + id)
          n = 0
          wrk.headers["Cookie"] = cookie
        end
        function request()
          n = n + 1
          local q = words[math.random(#words)] .. "+" .. words[math.random(#words)] .. "+-x" .. id .. "x" .. n .. "x" .. os.time()
          return wrk.format("GET", "/api/search?q=" .. q)
        end
        """;

    private static string Script(Session session) =>
        $$"""
        -- Generated by NewsReader.Bench `search`: the query mix in turn, as one signed-in reader.
        {{Lua.List("paths", Queries.Select(Path))}}
        local cookie = {{Lua.Quote(session.Cookie)}}
        {{Lua.ThreadIds}}
        function init(args)
          requests = {}
          for i, path in ipairs(paths) do
            requests[i] = wrk.format("GET", path, { ["Cookie"] = cookie })
          end
          counter = id * 7
        end
        function request()
          counter = counter % #requests + 1
          return requests[counter]
        end
        """;
}
