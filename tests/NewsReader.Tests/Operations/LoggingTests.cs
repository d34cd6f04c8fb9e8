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
            string? setupCode = null;
            while ((listening is null || setupCode is null) && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                using var entry = JsonDocument.Parse(line);                    // every line is one JSON event
                var message = entry.RootElement.GetProperty("@m").GetString()!;
                if (message.StartsWith("Now listening on", StringComparison.Ordinal))
                {
                    listening = message;
                }

                if (message.Contains("setup code", StringComparison.Ordinal))
                {
                    setupCode = message;
                }
            }

            Assert.NotNull(listening);
            Assert.Contains("http://127.0.0.1:", listening, StringComparison.Ordinal);

            // A fresh install says how the first administrator registers from another computer.
            Assert.NotNull(setupCode);
            Assert.Matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", setupCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>One log line per request at the configured level; failures always, rate-limited requests and health checks only at Debug.</summary>
public sealed class RequestLogLevelTests
{
    private static Microsoft.AspNetCore.Http.DefaultHttpContext Request(string path, int status) =>
        new() { Request = { Path = path }, Response = { StatusCode = status } };

    [Fact]
    public void Requests_log_at_the_configured_level_failures_as_errors_and_noise_at_debug()
    {
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, NewsReader.Web.RequestLogging.RequestLevel(Request("/", 200), null, Serilog.Events.LogEventLevel.Warning));
        Assert.Equal(Serilog.Events.LogEventLevel.Error, NewsReader.Web.RequestLogging.RequestLevel(Request("/", 500), null, Serilog.Events.LogEventLevel.Warning));
        Assert.Equal(Serilog.Events.LogEventLevel.Error, NewsReader.Web.RequestLogging.RequestLevel(Request("/", 200), new InvalidOperationException(), Serilog.Events.LogEventLevel.Information));
        Assert.Equal(Serilog.Events.LogEventLevel.Debug, NewsReader.Web.RequestLogging.RequestLevel(Request("/Account/Login", 429), null, Serilog.Events.LogEventLevel.Information));
        Assert.Equal(Serilog.Events.LogEventLevel.Debug, NewsReader.Web.RequestLogging.RequestLevel(Request("/healthz", 200), null, Serilog.Events.LogEventLevel.Information));
    }
}

/// <summary>
/// A client that leaves mid-request (a closed tab, wrk stopping) is not a server error: the
/// request's log line says 499 at the normal level instead of an Error with a 500 and a stack.
/// </summary>
public sealed class ClientGoneTests
{
    private static Microsoft.AspNetCore.Http.DefaultHttpContext Request(CancellationToken aborted) =>
        new() { Request = { Path = "/api/articles/a/highlights", Method = "POST" }, RequestAborted = aborted };

    [Fact]
    public async Task A_cancellation_because_the_client_left_ends_the_request_as_499()
    {
        var context = Request(new CancellationToken(canceled: true));
        await NewsReader.Web.RequestLogging.EndQuietlyIfClientLeftAsync(context, _ => throw new TaskCanceledException());
        Assert.Equal(499, context.Response.StatusCode);
        Assert.Equal(Serilog.Events.LogEventLevel.Information,
            NewsReader.Web.RequestLogging.RequestLevel(context, null, Serilog.Events.LogEventLevel.Information));
    }

    [Fact]
    public async Task A_cancellation_while_the_client_is_still_there_stays_an_error()
    {
        var context = Request(CancellationToken.None);
        await Assert.ThrowsAsync<TaskCanceledException>(() =>
            NewsReader.Web.RequestLogging.EndQuietlyIfClientLeftAsync(context, _ => throw new TaskCanceledException()));
    }

    [Fact]
    public async Task Other_failures_of_a_departed_client_still_surface()
    {
        var context = Request(new CancellationToken(canceled: true));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            NewsReader.Web.RequestLogging.EndQuietlyIfClientLeftAsync(context, _ => throw new InvalidOperationException("a bug")));
    }
}
