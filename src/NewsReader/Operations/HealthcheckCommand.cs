namespace NewsReader.Operations;

/// <summary>
/// <c>NewsReader healthcheck [URL]</c>: asks the running app's /healthz and exits 0 when healthy.
/// For Docker's HEALTHCHECK, since the runtime image has no curl.
/// </summary>
public static class HealthcheckCommand
{
    /// <summary>Needs no app: Docker runs it every few seconds, and it must not build services or touch the database.</summary>
    public static Cli.AppCommandLine.Verb Verb()
    {
        var url = new System.CommandLine.Argument<string?>("URL") { Arity = System.CommandLine.ArgumentArity.ZeroOrOne, Description = "the app's address (default: port ASPNETCORE_HTTP_PORTS on 127.0.0.1)" };
        var command = new System.CommandLine.Command("healthcheck", "Exit 0 when the running app's /healthz is healthy (Docker's HEALTHCHECK).") { url };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(url)));
        return new(command, NeedsApp: false);
    }

    public static async Task<int> RunAsync(string? address)
    {
        var url = address ?? DefaultUrl();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new Uri(new Uri(url), "/healthz"));
            Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            Console.Error.WriteLine($"unhealthy: {e.Message}");
            return 1;
        }
    }

    private static string DefaultUrl()
    {
        var port = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split(';', ',')[0];
        return $"http://127.0.0.1:{(string.IsNullOrWhiteSpace(port) ? "8080" : port.Trim())}";
    }
}
