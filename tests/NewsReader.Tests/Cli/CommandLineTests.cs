using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Cli;

/// <summary>The command line as a user meets it: help for every verb, and a mistake named in one line with exit code 2.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("newsreader-cli-").FullName;

    private string Db => Path.Combine(_folder, "cli.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string[]> Verbs => new()
    {
        new[] { "import" }, new[] { "export" }, new[] { "import-annotations" }, new[] { "users" }, new[] { "users", "list" },
        new[] { "users", "add-admin" }, new[] { "users", "reset-password" }, new[] { "users", "unlock" }, new[] { "users", "setup-code" },
        new[] { "backup" }, new[] { "restore-backup" }, new[] { "healthcheck" }, new[] { "help" },
    };

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Every_verb_has_help_that_exits_0(string[] verb)
    {
        var run = await AppProcess.RunAsync(Db, [.. verb, "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public async Task The_root_lists_every_verb()
    {
        var run = await AppProcess.RunAsync(Db, "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var verb in new[] { "import", "export", "import-annotations", "users", "backup", "restore-backup", "healthcheck" })
        {
            Assert.Contains($"  {verb}", run.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("unknown option '--ouput' for export. Did you mean '--output'?", "export", "--ouput", "x.md", "--user", "a@example.com", "--format", "md")]
    [InlineData("unknown option '--dry-run' for import.", "import", "--dry-run", "a.txt")]
    [InlineData("unknown command 'imprt'. Did you mean 'import'?", "imprt", "a.txt")]
    [InlineData("unknown command 'lst' for users. Did you mean 'list'?", "users", "lst")]
    [InlineData("Required argument missing for option: '--user'.", "export", "--user")]
    [InlineData("users needs one of: list, add-admin, reset-password, unlock, delete, setup-code.", "users")]
    [InlineData("unexpected argument 'b.db' for backup.", "backup", "--to", "a.db", "b.db")]
    public async Task A_mistake_is_one_line_naming_it_and_exit_2(string message, params string[] args)
    {
        var run = await AppProcess.RunAsync(Db, args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {message}", run.Errors.Trim());
        Assert.Equal("", run.Output);
        Assert.False(File.Exists(Path.Combine(_folder, "x.md")));
    }

    [Fact]
    public async Task Healthcheck_builds_no_app_and_touches_no_database()
    {
        var run = await AppProcess.RunAsync(Db, "healthcheck", "http://127.0.0.1:1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unhealthy", run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Host_settings_go_to_the_host_whatever_their_place()
    {
        // AppProcess adds --ConnectionStrings:NewsReader=…; here also --environment, before the verb's own arguments.
        var run = await AppProcess.RunAsync(Db, "--environment", "Testing", "users", "setup-code");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("setup code for the first account", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Db));
    }
}
