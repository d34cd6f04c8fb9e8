using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Figures;

namespace NewsReader.Bench.Processes;

/// <summary>Small steps bench/run needs beyond bash: a free port, waiting for a server, a server's memory.</summary>
public static class ProcessCommands
{
    /// <summary><c>free-port</c>: a TCP port on 127.0.0.1 nobody listens on.</summary>
    public static Task<int> FreePortAsync(string[] args)
    {
        _ = args;
        Console.WriteLine(FreePort().ToString(CultureInfo.InvariantCulture));
        return Task.FromResult(0);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary><c>wait --url URL [--timeout 60]</c>: until URL answers 200.</summary>
    public static async Task<int> WaitAsync(string[] args)
    {
        var options = Options.Parse(args);
        var url = options.Required("url");
        var elapsed = await WaitForOkAsync(url, TimeSpan.FromSeconds(options.Int("timeout", 60)));
        Console.WriteLine($"wait: {url} up after {elapsed.TotalSeconds:0.0}s");
        return 0;
    }

    /// <summary>Polls until the URL answers 200; the time it took.</summary>
    public static async Task<TimeSpan> WaitForOkAsync(string url, TimeSpan timeout, Process? process = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"the process exited ({process.ExitCode}) before {url} answered");
            }

            try
            {
                using var response = await client.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{url} did not answer 200 within {timeout.TotalSeconds:0}s");
    }

    /// <summary><c>rss --pid PID --name NAME [--max-mb MB] --results FILE</c>: a server's resident memory now.</summary>
    public static Task<int> RssAsync(string[] args)
    {
        var options = Options.Parse(args);
        var rss = Memory.StatusMb(int.Parse(options.Required("pid"), CultureInfo.InvariantCulture), "VmRSS");
        var max = options.Double("max-mb");
        Results.Append(options.Get("results"), new Figure(options.Required("name"), rss, "MB",
            Budget: max is { } m ? $"≤ {m.ToString(CultureInfo.InvariantCulture)} MB" : null, Pass: max is { } limit ? rss <= limit : null));
        return Task.FromResult(0);
    }
}
