using System.Diagnostics;
using System.Text.Json;

namespace NewsReader.Tests.Operations;

/// <summary>
/// The logging the settings describe reaches the console of the real app: Serilog is given the
/// assemblies its sinks live in (Operations/Logging.cs) instead of scanning for them, so a sink
/// or formatter missing from that list would go silent here.
/// </summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task In_production_the_server_logs_json_lines_to_the_console()
    {
        var folder = Directory.CreateTempSubdirectory("newsreader-logging-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NewsReader.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__NewsReader"] = $"Data Source={Path.Combine(folder, "newsreader.db")}";
        start.Environment["NewsReader__SeedSampleArticle"] = "false";

        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string? listening = null;
            while (listening is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                using var entry = JsonDocument.Parse(line);                    // every line is one JSON event
                var message = entry.RootElement.GetProperty("@m").GetString()!;
                if (message.StartsWith("Now listening on", StringComparison.Ordinal))
                {
                    listening = message;
                }
            }

            Assert.NotNull(listening);
            Assert.Contains("http://127.0.0.1:", listening, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Directory.Delete(folder, recursive: true);
        }
    }
}
