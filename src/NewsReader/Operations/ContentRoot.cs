namespace NewsReader.Operations;

/// <summary>
/// Where appsettings.json and wwwroot are: the working directory when it has them (`dotnet run`
/// from the repository, Docker's WORKDIR), otherwise beside the app (a published folder).
/// </summary>
public static class ContentRoot
{
    public static string Locate()
    {
        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) ? current : AppContext.BaseDirectory;
    }

    /// <summary>
    /// Development when run from a source checkout (`dotnet run` starts in the repository root)
    /// and nothing chose an environment; otherwise the host's own default (Production). This
    /// replaces a launch profile, whose banner `dotnet run` prints on stdout, where it would
    /// corrupt `export` output.
    /// </summary>
    public static string? DefaultEnvironment(string[] args)
    {
        var chosen = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        var inCheckout = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "NewsReader.sln"));
        var inArgs = args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        return chosen is null && !inArgs && inCheckout ? "Development" : null;
    }
}
