using System.Diagnostics;

namespace NewsReader.Tests.Infrastructure;

/// <summary>Runs the built app's CLI as a real process against a database file, as a user would.</summary>
public static class AppProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>The CLI on <paramref name="app"/>'s database, whichever it is.</summary>
    public static Task<Result> RunAsync(TestApp app, params string[] args) =>
#if POSTGRES
        RunAsync(app.DatabasePath, [.. args, "--NewsReader:Database:Provider=Postgres", $"--ConnectionStrings:NewsReader={app.PostgresConnectionString}"]);
#else
        RunAsync(app.DatabasePath, args);
#endif

    public static async Task<Result> RunAsync(string databasePath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!).FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NewsReader.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (!args.Any(a => a.StartsWith("--ConnectionStrings:", StringComparison.Ordinal)))
        {
            start.ArgumentList.Add($"--ConnectionStrings:NewsReader=Data Source={databasePath}");
        }

        start.Environment["NewsReader__SeedSampleArticle"] = "false";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await errors);
    }
}
