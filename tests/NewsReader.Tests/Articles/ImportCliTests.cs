using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

/// <summary>The import verb of the built app, run as a process the way the README says.</summary>
public sealed class ImportCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("newsreader-cli-").FullName;

    private string Db => Path.Combine(_folder, "cli.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_folder_imports_recursively_reports_each_file_and_fails_the_run_for_bad_ones()
    {
        var input = Path.Combine(_folder, "in");
        Directory.CreateDirectory(Path.Combine(input, "nested"));
        File.Copy(Paths.Fixture("wire-basic.txt"), Path.Combine(input, "wire-basic.txt"));
        File.Copy(Paths.Fixture("markdown-frontmatter.md"), Path.Combine(input, "nested", "markdown-frontmatter.md"));
        File.Copy(Paths.Fixture("binary.txt"), Path.Combine(input, "nested", "binary.txt"));
        File.Copy(Paths.Fixture("empty.txt"), Path.Combine(input, "empty.txt"));
        await File.WriteAllTextAsync(Path.Combine(input, "ignored.json"), "{}", TestContext.Current.CancellationToken);

        var run = await AppProcess.RunAsync(Db, "import", input, Paths.Fixture("wire-headline.txt"), Path.Combine(_folder, "missing.txt"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("/articles/norways-largest-grid-operator-said-on-sunday-it-would-delay", run.Output, StringComparison.Ordinal);
        Assert.Contains("/articles/night-trains-return-to-the-alps", run.Output, StringComparison.Ordinal);
        Assert.Contains("/articles/coastal-city-pilots-floating-classrooms-as-seas-rise", run.Output, StringComparison.Ordinal);
        Assert.Contains("binary.txt: binary file", run.Errors, StringComparison.Ordinal);
        Assert.Contains("empty.txt: empty file", run.Errors, StringComparison.Ordinal);
        Assert.Contains("missing.txt: no such file", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored.json", run.Output + run.Errors, StringComparison.Ordinal);
        Assert.Contains("3 created", run.Output, StringComparison.Ordinal);
        Assert.Contains("3 failed", run.Output, StringComparison.Ordinal);

        var again = await AppProcess.RunAsync(Db, "import", Paths.Fixture("wire-headline.txt"));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("unchanged", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_with_a_link_back_up_the_tree_is_walked_once()
    {
        var input = Path.Combine(_folder, "looped");
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        File.Copy(Paths.Fixture("wire-basic.txt"), Path.Combine(input, "sub", "wire-basic.txt"));
        File.Copy(Paths.Fixture("wire-headline.txt"), Path.Combine(input, "wire-headline.txt"));
        Directory.CreateSymbolicLink(Path.Combine(input, "sub", "back-to-top"), input);

        Assert.Equal(2, NewsReader.Articles.Import.ImportCommand.FilesUnder(input).Count());
        var run = await AppProcess.RunAsync(Db, "import", input);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 created", run.Output, StringComparison.Ordinal);
        Assert.Contains("0 unchanged", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_imports_while_the_web_app_serves_the_same_database()
    {
        using var app = new TestApp();
        var reader = await app.RegisterAsync("busy@example.com");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await reader.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);

        var run = await AppProcess.RunAsync(app, "import", Paths.Fixture("wire-basic.txt"), Paths.Fixture("wire-headline.txt"));

        Assert.Equal(0, run.ExitCode);
        var library = await reader.GetDocumentAsync("/");
        Assert.Equal(2, library.QuerySelectorAll(".article-card").Length);
    }

    [Fact]
    public async Task A_cli_import_shows_to_visitors_at_the_next_request()
    {
        using var app = new TestApp();
        var visitor = app.CreateClient();
        await app.ImportFixtureAsync("wire-basic.txt");
        Assert.Single((await visitor.GetDocumentAsync("/")).QuerySelectorAll(".article-card"));
        Assert.Single((await visitor.GetDocumentAsync("/")).QuerySelectorAll(".article-card"));      // kept for visitors

        var run = await AppProcess.RunAsync(app, "import", Paths.Fixture("wire-headline.txt"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(2, (await visitor.GetDocumentAsync("/")).QuerySelectorAll(".article-card").Length);
    }

    [Fact]
    public async Task Usage_errors_name_the_problem()
    {
        var run = await AppProcess.RunAsync(Db, "import");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("import needs at least one file or folder", run.Errors, StringComparison.Ordinal);

        var help = await AppProcess.RunAsync(Db, "help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("import PATH...", help.Output, StringComparison.Ordinal);
    }
}
