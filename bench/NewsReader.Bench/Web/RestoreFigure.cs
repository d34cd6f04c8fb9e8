using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Figures;
using NewsReader.Bench.Processes;

namespace NewsReader.Bench.Web;

/// <summary>
/// <c>restore --session FILE --other FILE --slug SLUG --count N [--note-chars C] --pid SERVER_PID --db PATH
/// [--max-wait-seconds 2] [--max-growth-mb 100] --results FILE [--name TEXT] [--measure-writes true]</c>:
/// uploads a W3C annotation file of N highlights on one article (each with a note of C characters)
/// to <c>/import/annotations</c> as the session's reader, and meanwhile, as other readers would,
/// creates highlights, saves an article note, registers and fails a sign-in, over and over,
/// timing each. Figures: the slowest of those writes and how many answered 5xx (the restore must
/// not lock anyone out), the restore's own time, the server's RSS growth over it (the file is
/// read as a stream) and the write-ahead log left on disk after it.
/// </summary>
public static partial class RestoreFigure
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var session = Session.Load(options.Required("session"));
        var other = Session.Load(options.Required("other"));
        var slug = options.Required("slug");
        var count = options.Int("count", 30_000);
        var noteChars = options.Int("note-chars", 20);
        var pid = int.Parse(options.Required("pid"), CultureInfo.InvariantCulture);
        var db = options.Required("db");
        var maxWait = options.Double("max-wait-seconds") ?? 2;
        var maxGrowth = options.Double("max-growth-mb") ?? 100;
        var measureWrites = options.Get("measure-writes") != "false";
        var name = options.Get("name") ?? $"restore of {count:N0} annotations";

        using var client = session.Client();
        var text = await client.GetStringAsync($"/articles/{slug}.txt");
        var file = Path.Combine(Path.GetTempPath(), $"newsreader-bench-restore-{Environment.ProcessId}.jsonld");
        var bytes = Write(file, session.BaseUrl, slug, text, count, noteChars);
        try
        {
            var form = await client.GetStringAsync("/import/annotations");
            var before = Memory.StatusMb(pid, "VmRSS");
            var sampler = new PeakSampler(pid);
            var clock = Stopwatch.StartNew();
            var upload = UploadAsync(client, file, Token(form));

            var waits = new List<(string What, TimeSpan Took, HttpStatusCode Status)>();
            if (measureWrites)
            {
                using var writer = other.Client();
                for (var i = 0; !upload.IsCompleted; i++)
                {
                    await Task.Delay(100);
                    await InterleaveAsync(writer, other.BaseUrl, slug, text, i, waits);
                }
            }

            using var restored = await upload;
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = await sampler.StopAsync();
            var page = await restored.Content.ReadAsStringAsync();
            var report = Restored().Match(page);
            var note = restored.StatusCode != HttpStatusCode.OK || !report.Success
                ? $"the restore answered {(int)restored.StatusCode}"
                : null;

            Results.Append(options.Get("results"), new Figure($"{name} ({bytes / 1024.0 / 1024.0:0} MB): time", seconds, "s", Note: note ?? $"{report.Groups[1].Value} restored"));
            Results.Append(options.Get("results"), new Figure($"{name}: server RSS growth", Math.Max(0, peak - before), "MB",
                Budget: $"≤ {maxGrowth.ToString(CultureInfo.InvariantCulture)} MB", Pass: note is null && peak - before <= maxGrowth));
            var wal = new FileInfo(db + "-wal");
            Results.Append(options.Get("results"), new Figure($"{name}: write-ahead log left on disk", wal.Exists ? wal.Length / 1024.0 / 1024.0 : 0, "MB",
                Budget: "≤ 64 MB", Pass: !wal.Exists || wal.Length <= 64L * 1024 * 1024));
            if (measureWrites)
            {
                var slowest = waits.Count == 0 ? default : waits.MaxBy(w => w.Took);
                var failed = waits.Count(w => (int)w.Status >= 500);
                Results.Append(options.Get("results"), new Figure($"writes during the {name}: slowest of {waits.Count}", slowest.Took.TotalSeconds, "s",
                    Budget: $"≤ {maxWait.ToString(CultureInfo.InvariantCulture)} s", Pass: waits.Count > 0 && slowest.Took.TotalSeconds <= maxWait,
                    Note: slowest.What));
                Results.Append(options.Get("results"), new Figure($"writes during the {name}: answered 5xx", failed, "requests",
                    Budget: "0", Pass: failed == 0));
            }
        }
        finally
        {
            File.Delete(file);
        }

        return 0;
    }

    /// <summary>What other readers do meanwhile: a highlight, an article note, a registration and a failed sign-in.</summary>
    private static async Task InterleaveAsync(HttpClient reader, string baseUrl, string slug, string text, int i,
        List<(string What, TimeSpan Took, HttpStatusCode Status)> waits)
    {
        async Task TimeAsync(string what, Func<Task<HttpResponseMessage>> send)
        {
            var clock = Stopwatch.StartNew();
            using var response = await send();
            waits.Add((what, clock.Elapsed, response.StatusCode));
        }

        var block = text.Split("\n\n")[0];
        var blockAnchor = await FirstAnchorAsync(reader, slug);
        await TimeAsync("create a highlight", () => reader.PostAsJsonAsync($"/api/articles/{slug}/highlights", new
        {
            start = new { anchor = blockAnchor, offset = 0 },
            end = new { anchor = blockAnchor, offset = Math.Min(8, block.Length) },
            exact = block[..Math.Min(8, block.Length)],
        }));
        await TimeAsync("save an article note", () => reader.PutAsJsonAsync($"/api/articles/{slug}/note", new { note = $"note {i}" }));

        using var visitor = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var signUp = await visitor.GetStringAsync("/Account/Register");
        await TimeAsync("register", () => visitor.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = $"during-restore-{Environment.ProcessId}-{i}@bench.invalid",
            ["Input.Password"] = "a long bench pass phrase",
            ["Input.ConfirmPassword"] = "a long bench pass phrase",
            ["__RequestVerificationToken"] = Token(signUp),
        })));
        using var stranger = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var signIn = await stranger.GetStringAsync("/Account/Login");
        await TimeAsync("a failed sign-in", () => stranger.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = $"nobody-{i}@bench.invalid",
            ["Input.Password"] = "not the password",
            ["__RequestVerificationToken"] = Token(signIn),
        })));
    }

    private static string? _anchor;

    private static async Task<string> FirstAnchorAsync(HttpClient client, string slug)
    {
        if (_anchor is null)
        {
            var page = await client.GetStringAsync($"/articles/{slug}");
            _anchor = BlockAnchor().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no block anchor on the article page");
        }

        return _anchor;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string file, string token)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StreamContent(File.OpenRead(file)), "file", "notes.jsonld" },
        };
        return await client.PostAsync("/import/annotations", content);
    }

    /// <summary>N highlights on the article's words (positions in code points of its .txt), written to a file; its size in bytes.</summary>
    private static long Write(string path, string baseUrl, string slug, string text, int count, int noteChars)
    {
        var words = Words().Matches(text).Where(m => m.Length >= 4).Select(m => (Start: CodePoints(text, m.Index), End: CodePoints(text, m.Index + m.Length), m.Value)).ToList();
        var filler = new string('n', Math.Max(0, noteChars - 20));
        using var output = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        output.Write("""{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[""");
        for (var n = 0; n < count; n++)
        {
            var (start, end, exact) = words[n % words.Count];
            output.Write(n == 0 ? "" : ",");
            output.Write(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = $"urn:uuid:{Guid.NewGuid()}",
                ["type"] = "Annotation",
                ["motivation"] = "commenting",
                ["bodyValue"] = $"restored {n} {filler}",
                ["target"] = new Dictionary<string, object>
                {
                    ["source"] = $"{baseUrl}/articles/{slug}",
                    ["selector"] = new object[]
                    {
                        new Dictionary<string, object> { ["type"] = "TextQuoteSelector", ["exact"] = exact },
                        new Dictionary<string, object> { ["type"] = "TextPositionSelector", ["start"] = start, ["end"] = end },
                    },
                },
            }));
        }

        output.Write("]}}");
        output.Flush();
        return output.BaseStream.Length;
    }

    private static int CodePoints(string text, int utf16)
    {
        var count = 0;
        foreach (var _ in text.AsSpan(0, utf16).EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string Token(string page) => FormToken().Match(page) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("no antiforgery token on the page");

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<p id=\"(p-[a-z0-9]+)\" data-block")]
    private static partial Regex BlockAnchor();

    [GeneratedRegex(@"(\d+) highlight\(s\) restored")]
    private static partial Regex Restored();
}
