using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Figures;
using NewsReader.Bench.Processes;

namespace NewsReader.Bench.Web;

/// <summary>
/// <c>export --session FILE --pid SERVER_PID --expect N [--max-seconds 3] [--max-growth-mb 100] --results FILE</c>:
/// downloads the reader's whole export in each format from the running server, timing it to the
/// last byte and taking the server's RSS growth over it (peak during the download, from the
/// kernel's high-water mark reset just before, minus RSS just before). Each download is checked
/// to hold exactly N highlights.
/// </summary>
public static class ExportFigure
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var session = Session.Load(options.Required("session"));
        var pid = int.Parse(options.Required("pid"), CultureInfo.InvariantCulture);
        var expected = options.Int("expect", 100_000);
        var maxSeconds = options.Double("max-seconds") ?? 3;
        var maxGrowth = options.Double("max-growth-mb") ?? 100;
        using var client = session.Client();

        foreach (var format in new[] { "md", "jsonld", "csv" })
        {
            var before = Memory.StatusMb(pid, "VmRSS");
            var sampled = Memory.ResetPeak(pid) ? null : new PeakSampler(pid);
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync($"/export?format={format}", HttpCompletionOption.ResponseHeadersRead);
            using var body = new MemoryStream();
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(body);
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = sampled is null ? Memory.StatusMb(pid, "VmHWM") : await sampled.StopAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"/export?format={format} answered {(int)response.StatusCode}");
            }

            var found = Count(format, Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
            var note = found == expected ? null : $"{found:N0} highlights in the file, expected {expected:N0}";
            Results.Append(options.Get("results"), new Figure($"export {expected:N0} highlights as {format} ({body.Length / 1024.0 / 1024.0:0} MB)", seconds, "s",
                Budget: $"≤ {maxSeconds.ToString(CultureInfo.InvariantCulture)} s", Pass: note is null && seconds <= maxSeconds, Note: note));
            Results.Append(options.Get("results"), new Figure($"export as {format}: server RSS growth", Math.Max(0, peak - before), "MB",
                Budget: $"≤ {maxGrowth.ToString(CultureInfo.InvariantCulture)} MB", Pass: peak - before <= maxGrowth));
        }

        return 0;
    }

    /// <summary>Highlights in an export: one link back each in Markdown, one quote selector each in JSON-LD, one record each in CSV.</summary>
    private static int Count(string format, string text) => format switch
    {
        "md" => Occurrences(text, "[Open in NewsReader]("),
        "jsonld" => Occurrences(text, "\"TextQuoteSelector\""),
        _ => CsvRecords(text) - 1,
    };

    private static int Occurrences(string text, string marker)
    {
        var count = 0;
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + marker.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>RFC 4180 records: line breaks outside quoted fields.</summary>
    private static int CsvRecords(string text)
    {
        var records = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted)
            {
                records++;
            }
        }

        return records;
    }
}
