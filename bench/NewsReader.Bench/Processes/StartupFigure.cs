using System.Diagnostics;
using System.Globalization;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Figures;

namespace NewsReader.Bench.Processes;

/// <summary>
/// <c>startup --app NewsReader.dll --reference StaticReference.dll [--runs 5] [--max-ratio 3] --results FILE [--pidfile FILE]</c>:
/// time from process start to the first 200 on <c>/</c>, both started as <c>dotnet X.dll</c>.
/// The app gets a fresh database each time (migrations applied, the sample article added, as a
/// new user has it); the reference serves an index.html. Median of the runs, after one unmeasured
/// run of each so both find the files in the disk cache.
/// </summary>
public static class StartupFigure
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var app = Path.GetFullPath(options.Required("app"));
        var reference = Path.GetFullPath(options.Required("reference"));
        var runs = options.Int("runs", 5);
        var pidfile = options.Get("pidfile");
        var appTimes = new List<double>();
        var referenceTimes = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var appMs = await TimeAsync(app, isApp: true, pidfile);
            var referenceMs = await TimeAsync(reference, isApp: false, pidfile);
            if (run > 0)
            {
                appTimes.Add(appMs);
                referenceTimes.Add(referenceMs);
            }
        }

        var maxRatio = options.Double("max-ratio") ?? 3;
        var figure = new Figure("start to first served page, fresh database (median)", Median(appTimes), "ms", Median(referenceTimes),
            $"ratio ≤ {maxRatio.ToString(CultureInfo.InvariantCulture)}");
        Results.Append(options.Get("results"), figure with { Pass = figure.Ratio <= maxRatio });
        Console.WriteLine($"  (app runs: {string.Join(", ", appTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms; " +
            $"reference runs: {string.Join(", ", referenceTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))} ms)");
        return 0;
    }

    private static async Task<double> TimeAsync(string dll, bool isApp, string? pidfile)
    {
        var folder = Directory.CreateTempSubdirectory("newsreader-startup-").FullName;
        var port = ProcessCommands.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        if (isApp)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ConnectionStrings__NewsReader"] = $"Data Source={Path.Combine(folder, "newsreader.db")}";
            start.Environment["NewsReader__SeedSampleArticle"] = "true";
        }
        else
        {
            var root = Directory.CreateDirectory(Path.Combine(folder, "www")).FullName;
            await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!DOCTYPE html><title>Reference</title><p>Hello.</p>\n");
            start.ArgumentList.Add("--root");
            start.ArgumentList.Add(root);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        if (pidfile is not null)
        {
            await File.AppendAllLinesAsync(pidfile, [process.Id.ToString(CultureInfo.InvariantCulture)]);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ProcessCommands.WaitForOkAsync($"http://127.0.0.1:{port}/", TimeSpan.FromSeconds(60), process);
            return clock.Elapsed.TotalMilliseconds;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
