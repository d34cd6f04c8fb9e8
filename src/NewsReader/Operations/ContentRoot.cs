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
}
