using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Figures;

namespace NewsReader.Bench.Processes;

/// <summary>
/// <c>import --app NewsReader.dll --corpus DIR --db PATH [--min-rate 1000] [--max-rss-mb 300] --results FILE</c>:
/// the app's own <c>import</c> command on a folder, as a user runs it. The rate is the one the
/// command reports, timed from its first file to its last (process start, host and migrations
/// excluded); the peak RSS is the whole process's, from the kernel (getrusage of the child).
/// </summary>
public static partial class ImportFigure
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var corpus = Path.GetFullPath(options.Required("corpus"));
        var expected = Directory.GetFiles(corpus, "*.txt").Length;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.GetFullPath(options.Required("app")));
        start.ArgumentList.Add("import");
        start.ArgumentList.Add(corpus);
        start.ArgumentList.Add($"--ConnectionStrings:NewsReader=Data Source={Path.GetFullPath(options.Required("db"))}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["NewsReader__SeedSampleArticle"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var errors = process.StandardError.ReadToEndAsync();
        string? summary = null;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (Summary().IsMatch(line))
            {
                summary = line;
            }
        }

        await process.WaitForExitAsync();
        var peak = Memory.ChildrenPeakMb();
        var match = summary is null ? null : Summary().Match(summary);
        if (process.ExitCode != 0 || match is null)
        {
            throw new InvalidOperationException($"import failed ({process.ExitCode}): {await errors}");
        }

        var created = int.Parse(match.Groups["created"].Value, CultureInfo.InvariantCulture);
        var rate = double.Parse(match.Groups["rate"].Value, CultureInfo.InvariantCulture);
        var minRate = options.Double("min-rate") ?? 1000;
        var maxRss = options.Double("max-rss-mb") ?? 300;
        var note = created == expected ? null : $"{created:N0} of {expected:N0} files created";
        Results.Append(options.Get("results"), new Figure($"import {expected:N0} wire-text articles, CLI (articles/s)", rate, "/s",
            Budget: $"≥ {minRate.ToString("N0", CultureInfo.InvariantCulture)}/s", Pass: note is null && rate >= minRate, Note: note));
        Results.Append(options.Get("results"), new Figure("import: peak RSS of the import process", peak, "MB",
            Budget: $"≤ {maxRss.ToString(CultureInfo.InvariantCulture)} MB", Pass: peak <= maxRss));
        Console.WriteLine($"  ({summary})");
        return 0;
    }

    [GeneratedRegex(@"^(?<total>\d+) file\(s\) in (?<seconds>[\d.]+)s \((?<rate>\d+)/s\): (?<created>\d+) created")]
    private static partial Regex Summary();
}
