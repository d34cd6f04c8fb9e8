using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Figures;

namespace NewsReader.Bench.Web;

/// <summary>
/// <c>page --name NAME --url APP --path PATH [--session FILE] [--reference-url REF --reference-root DIR]
/// [--baseline NAME] [--min-ratio R] [--max-p99 MS] [--expect TEXT] [--expect-count N:TEXT] --results FILE</c>: a page's throughput under wrk.
/// With a reference, the page's exact bytes (as this reader gets them) are saved as a static file
/// the reference app serves, and both are driven alike, in turns (<see cref="Wrk.RunInTurnsAsync"/>):
/// the ratio holds on a noisy machine. With <c>--baseline NAME</c> instead, the ratio is against an earlier figure of
/// the same run (a page on 100 times the data against itself on less). The page is checked before and after (status, expected text), so a run that
/// measured redirects or error pages cannot pass.
/// </summary>
public static partial class PageFigure
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var name = options.Required("name");
        var path = options.Required("path");
        var session = options.Get("session") is { } file ? Session.Load(file) : null;
        var appUrl = (session?.BaseUrl ?? options.Required("url")).TrimEnd('/');
        var settings = new Wrk.Settings(Seconds: options.Int("seconds", 8), WarmupSeconds: options.Int("warmup", 3));
        using var client = session?.Client() ?? new HttpClient { BaseAddress = new Uri(appUrl) };
        var expect = options.Get("expect");
        var expectCount = options.Get("expect-count");

        var bytes = await FetchAsync(client, path, expect, expectCount);
        IReadOnlyList<string> headers = session is null ? [] : [$"Cookie: {session.Cookie}"];
        WrkResult app;
        WrkResult? reference = null;
        if (options.Get("reference-url") is { } referenceUrl)
        {
            var fileName = FileName().Replace(name.ToLowerInvariant(), "-").Trim('-') + ".html";
            await File.WriteAllBytesAsync(Path.Combine(options.Required("reference-root"), fileName), bytes);
            (app, reference) = await Wrk.RunInTurnsAsync(appUrl + path, headers, $"{referenceUrl.TrimEnd('/')}/{fileName}", settings);
            if (!reference.Clean)
            {
                throw new InvalidOperationException($"the reference had errors: {reference.ErrorNote}");
            }
        }
        else
        {
            app = await Wrk.RunAsync(appUrl + path, headers, settings);
        }

        await FetchAsync(client, path, expect, expectCount);

        var results = options.Get("results");
        var clean = app.Clean;
        var note = clean ? null : app.ErrorNote;
        var minRatio = options.Double("min-ratio");
        var baseline = options.Get("baseline");
        var referenceRate = reference?.RequestsPerSecond ?? (baseline is null ? null : BaselineRate(results, baseline));
        var ratio = referenceRate is null ? (double?)null : app.RequestsPerSecond / referenceRate;
        Results.Append(results, new Figure($"{name} (req/s)", app.RequestsPerSecond, "req/s", referenceRate,
            minRatio is { } min ? $"ratio ≥ {min.ToString(CultureInfo.InvariantCulture)}" + (baseline is null ? "" : $" of {baseline}") : null,
            minRatio is { } m ? clean && ratio >= m : null,
            note));
        if (options.Double("max-p99") is { } maxP99)
        {
            Results.Append(results, new Figure($"{name}: p99 at {settings.Connections} connections", app.P99Ms, "ms", null,
                $"≤ {maxP99.ToString(CultureInfo.InvariantCulture)} ms", clean && app.P99Ms <= maxP99, note));
        }

        Console.WriteLine($"  ({bytes.Length:N0} bytes; p50 {app.P50Ms:0.00} ms, p99 {app.P99Ms:0.00} ms; {app.ErrorNote})");
        return 0;
    }

    /// <summary>The rate an earlier figure of this run measured (<c>--baseline NAME</c>: a page against itself on less data).</summary>
    private static double BaselineRate(string? results, string baseline) =>
        (results is null ? null : Results.Read(results).LastOrDefault(f => f.Name == $"{baseline} (req/s)")?.Value)
        ?? throw new InvalidOperationException($"no earlier figure '{baseline}' in the results");

    /// <summary>The page's bytes, after checking it is a 200 with the expected text (and, with <c>N:TEXT</c>, N occurrences of TEXT).</summary>
    private static async Task<byte[]> FetchAsync(HttpClient client, string path, string? expect, string? expectCount)
    {
        using var response = await client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}, not 200");
        }

        var html = System.Text.Encoding.UTF8.GetString(bytes);
        if (expect is not null && !html.Contains(expect, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} does not contain '{expect}'");
        }

        if (expectCount?.Split(':', 2) is [var count, var text]
            && Regex.Count(html, Regex.Escape(text)) is var found && found != int.Parse(count, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{path} has '{text}' {found} times, not {count}");
        }

        return bytes;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex FileName();
}
