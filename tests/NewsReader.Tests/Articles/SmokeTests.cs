using System.Net;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

public sealed class SmokeTests(SmokeTests.App app) : IClassFixture<SmokeTests.App>
{
    public sealed class App : TestApp;

    [Fact]
    public async Task Fresh_database_serves_an_empty_library_and_health()
    {
        var client = app.Browser();
        var library = await client.GetDocumentAsync("/");
        Assert.Equal("Library", library.QuerySelector("h1")?.TextContent);
        var health = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Healthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
