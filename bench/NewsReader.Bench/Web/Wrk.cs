using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsReader.Bench.Web;

/// <summary>What one wrk run measured. <see cref="Errors"/> counts socket errors, 4xx/5xx and (with a script that reports them) any non-2xx.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, string Output, double Seconds)
{
    /// <summary>A run is clean when it completed requests and none failed; anything else is not a measurement.</summary>
    public bool Clean => Requests > 0 && Errors == 0;

    public string ErrorNote => $"{Errors:N0} errors in {Requests:N0} requests ({(Requests == 0 ? 0 : 100.0 * Errors / Requests):0.###}%)";
}

/// <summary>
/// Runs wrk (2 threads, 32 connections by default): a short unmeasured warm-up first (JIT tiers,
/// caches, connection pools), then the measured run with the latency distribution.
/// </summary>
public static partial class Wrk
{
    public sealed record Settings(int Threads = 2, int Connections = 32, int Seconds = 8, int WarmupSeconds = 3);

    public static async Task<WrkResult> RunAsync(string url, IReadOnlyList<string> headers, Settings settings, string? script = null)
    {
        if (settings.WarmupSeconds > 0)
        {
            await RunOnceAsync(url, headers, settings with { Seconds = settings.WarmupSeconds }, script);
        }

        return await RunOnceAsync(url, headers, settings, script);
    }

    /// <summary>
    /// A page and its reference (the same bytes as a static file), measured in turns: both warmed
    /// up, then <paramref name="slices"/> turns of each, the measured seconds split evenly. The
    /// machine's speed drifts over tens of seconds on a shared VM; one run after the other put
    /// that drift into the ratio (the same build measured 0.46–0.65 of the reference that way),
    /// while turns measure both over the same stretch of time. Each side's rate is its requests
    /// over its measured time; its p50 the median of the turns', its p99 the worst turn's.
    /// </summary>
    public static async Task<(WrkResult Page, WrkResult Reference)> RunInTurnsAsync(string url, IReadOnlyList<string> headers, string referenceUrl,
        Settings settings, int slices = 4)
    {
        if (settings.WarmupSeconds > 0)
        {
            await RunOnceAsync(url, headers, settings with { Seconds = settings.WarmupSeconds }, null);
            await RunOnceAsync(referenceUrl, [], settings with { Seconds = settings.WarmupSeconds }, null);
        }

        var turn = settings with { Seconds = Math.Max(1, settings.Seconds / slices) };
        var (page, reference) = (new List<WrkResult>(), new List<WrkResult>());
        for (var i = 0; i < slices; i++)
        {
            page.Add(await RunOnceAsync(url, headers, turn, null));
            reference.Add(await RunOnceAsync(referenceUrl, [], turn, null));
        }

        return (Combine(page), Combine(reference));
    }

    private static WrkResult Combine(IReadOnlyList<WrkResult> turns)
    {
        var p50s = turns.Select(t => t.P50Ms).Order().ToList();
        return new WrkResult(
            turns.Sum(t => t.Requests) / turns.Sum(t => t.Seconds),
            (p50s[(p50s.Count - 1) / 2] + p50s[p50s.Count / 2]) / 2,
            turns.Max(t => t.P99Ms),
            turns.Sum(t => t.Requests),
            turns.Sum(t => t.Errors),
            string.Join(Environment.NewLine, turns.Select(t => t.Output)),
            turns.Sum(t => t.Seconds));
    }

    private static async Task<WrkResult> RunOnceAsync(string url, IReadOnlyList<string> headers, Settings settings, string? script)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", $"{settings.Threads}", "-c", $"{settings.Connections}", "-d", $"{settings.Seconds}s", "--timeout", "30s", "--latency" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var header in headers)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }

        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }

        start.ArgumentList.Add(url);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start wrk");
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await error}{output}");
        }

        var socketErrors = SocketErrors().Match(output) is { Success: true } s
            ? Enumerable.Range(1, 4).Sum(i => long.Parse(s.Groups[i].Value, CultureInfo.InvariantCulture))
            : 0;
        var statusErrors = StatusErrors().Match(output) is { Success: true } e ? long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var scriptErrors = ScriptErrors().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var requests = Requests().Match(output);
        return new WrkResult(
            double.Parse(Rate().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50"),
            Percentile(output, "99"),
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            socketErrors + Math.Max(statusErrors, scriptErrors),
            output,
            Milliseconds(requests.Groups[2].Value, requests.Groups[3].Value) / 1000);
    }

    private static double Percentile(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{percentile}(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
        return Milliseconds(match.Groups[1].Value, match.Groups[2].Value);
    }

    private static double Milliseconds(string number, string unit)
    {
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(us|ms|s|m),")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex StatusErrors();

    [GeneratedRegex(@"^non-2xx responses: (\d+)", RegexOptions.Multiline)]
    private static partial Regex ScriptErrors();
}
