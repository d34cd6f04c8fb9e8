namespace NewsReader.Operations;

/// <summary>
/// <c>NewsReader healthcheck [URL]</c>: asks the running app's /healthz and exits 0 when healthy.
/// For Docker's HEALTHCHECK, since the runtime image has no curl.
/// </summary>
public static class HealthcheckCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "healthcheck";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl();
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
