using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NewsReader.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(NewsReader.BrowserTests.BrowserFixture))]

namespace NewsReader.BrowserTests;

/// <summary>
/// One real Chromium (the system's, never a download) and one app on a real port for the whole
/// run. Without a browser the tests skip locally but fail under CI=true.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] Candidates =
    [
        Environment.GetEnvironmentVariable("NEWSREADER_CHROMIUM") ?? "",
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ];

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string? MissingBrowser { get; private set; }

    public TestApp App { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        BaseUrl = Serve(App);

        var executable = Candidates.FirstOrDefault(File.Exists);
        if (executable is null)
        {
            MissingBrowser = "No Chromium found (looked for NEWSREADER_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome). Install it: apt-get install -y chromium";
            return;
        }

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Starts <paramref name="app"/> on a free port of its own; its root URL.</summary>
    public static string Serve(TestApp app)
    {
        app.UseKestrel(0);
        app.StartServer();
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>The browser, or the test is skipped (locally) / failed (under CI=true).</summary>
    public IBrowser RequireBrowser()
    {
        if (Browser is not null)
        {
            return Browser;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(MissingBrowser);
        }

        Assert.Skip(MissingBrowser!);
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
