using System.Text.Json;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Export;

public sealed class ExportCommandTests(ExportCommandTests.App app) : IClassFixture<ExportCommandTests.App>
{
    public sealed class App : NotesScenario;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_writes_a_file_with_urls_on_the_public_url()
    {
        var output = Path.Combine(Path.GetTempPath(), $"newsreader-export-{Guid.NewGuid():N}.jsonld");
        try
        {
            var exitCode = await app.RunCliAsync("export", "--user", NotesScenario.ReaderEmail, "--format", "jsonld", "--output", output);

            Assert.Equal(0, exitCode);
            Assert.False(File.Exists(output + ".partial"));
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output, Ct));
            var items = document.RootElement.GetProperty("first").GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(NotesScenario.HighlightCount + 1, items.Count);
            var source = items[0].GetProperty("target").GetProperty("source").GetString();
            Assert.Equal($"http://localhost:5000/articles/{app.Wire}", source);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Export_of_one_article_as_markdown()
    {
        var output = Path.Combine(Path.GetTempPath(), $"newsreader-export-{Guid.NewGuid():N}.md");
        try
        {
            Assert.Equal(0, await RunAsync("export", "--user", NotesScenario.ReaderEmail, "--format", "md", "--article", app.Markdown, "--output", output));
            var markdown = await File.ReadAllTextAsync(output, Ct);
            Assert.StartsWith("\n# Night trains return to the Alps\n", markdown, StringComparison.Ordinal);
            Assert.DoesNotContain("Norway", markdown, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("export", "--format", "md")]
    [InlineData("export", "--user", "nobody@example.com", "--format", "md")]
    [InlineData("export", "--user", NotesScenario.ReaderEmail, "--format", "pdf")]
    [InlineData("export", "--user", NotesScenario.ReaderEmail, "--format", "md", "--article", "no-such-article", "--output", "/tmp/never-written.md")]
    public async Task Usage_mistakes_exit_with_2(params string[] args)
    {
        Assert.Equal(2, await RunAsync(args));
        Assert.False(File.Exists("/tmp/never-written.md"));
    }

    /// <summary>The verb as the command line runs it: parsed from arguments, run on the app's services.</summary>
    private Task<int> RunAsync(params string[] args) => app.RunCliAsync(args);
}
