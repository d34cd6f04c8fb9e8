using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsReader.Articles.Import;
using NewsReader.Data;

namespace NewsReader.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh SQLite file with the checked-in migrations applied, one per test
/// class (or test). Settings can be overridden before first use. Compiled into
/// NewsReader.PostgresTests (POSTGRES defined), the same app runs on a fresh PostgreSQL
/// database of its own instead (<c>TestPostgres</c>).
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "newsreader-tests", Guid.NewGuid().ToString("N"));

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["NewsReader:SeedSampleArticle"] = "false",
        ["NewsReader:RateLimits:AccountPerMinute"] = "100000",
        ["NewsReader:RateLimits:ApiWritesPerMinute"] = "100000",
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    public string DatabasePath => Path.Combine(_folder, "newsreader.db");

#if POSTGRES
    private string? _postgres;
    private bool _sharesDatabase;

    /// <summary>This app on SQLite after all (an installation to move to PostgreSQL).</summary>
    public bool OnSqlite { get; init; }

    /// <summary>
    /// This app's PostgreSQL database (its connection string): its own, dropped with it, unless
    /// set to another app's before first use (a second instance on the same database).
    /// </summary>
    public string PostgresConnectionString
    {
        get => _postgres ??= TestPostgres.NewDatabase();
        init => (_postgres, _sharesDatabase) = (value, true);
    }
#endif

    /// <summary>
    /// Tests host many apps at once, and each would take inotify instances (Linux allows 128 per
    /// user by default): one to watch appsettings.json, one for wwwroot (asp-append-version
    /// watches the files it versions). Tests never edit either; file providers poll instead.
    /// </summary>
    static TestApp()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseContentRoot(Paths.RepositoryRoot);
        builder.UseEnvironment("Testing");
#if POSTGRES
        if (!OnSqlite)
        {
            _postgres ??= TestPostgres.NewDatabase();
            builder.UseSetting("NewsReader:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:NewsReader", _postgres);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:NewsReader", $"Data Source={DatabasePath}");
        }
#else
        builder.UseSetting("ConnectionStrings:NewsReader", $"Data Source={DatabasePath}");
#endif
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Once the app has finished starting: its warm-up (<see cref="Startup.FirstPageWarmUp"/>) runs in
    /// the background and commits once (a fresh install's setup code), so a test that counts commits
    /// waits for it first.
    /// </summary>
    public async Task StartedAsync() =>
        Assert.Equal(200, await Services.GetRequiredService<Startup.FirstPageWarmUp>().Done.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<AppDb, Task<T>> action) =>
        WithScopeAsync(services => action(services.GetRequiredService<AppDb>()));

    public Task<ImportResult> ImportAsync(string name, string text) =>
        WithScopeAsync(services => services.GetRequiredService<ArticleImporter>()
            .ImportAsync(name, System.Text.Encoding.UTF8.GetBytes(text), ArticleImporter.FormatFor(name), CancellationToken.None));

    public Task<ImportResult> ImportFixtureAsync(string fixture) =>
        WithScopeAsync(services => services.GetRequiredService<ArticleImporter>().ImportFileAsync(Paths.Fixture(fixture), CancellationToken.None));

    /// <summary>A client that keeps cookies and does not follow redirects (tests look at them).</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
#if POSTGRES
            if (_postgres is not null && !_sharesDatabase)
            {
                TestPostgres.Drop(_postgres);
            }
#endif
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is cleaned up with the temp folder.
            }
        }
    }
}

public static partial class Html
{
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The antiforgery token a form on the page carries.</summary>
    public static string FormToken(string html) => FormTokenPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}

public static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "articles", name);

    /// <summary>The reference article in ../shared (never copied into the repository).</summary>
    public static string SharedSeedArticles => Path.Combine(RepositoryRoot, "..", "shared", "seed-articles");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsReader.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (NewsReader.sln) above " + AppContext.BaseDirectory);
    }
}
