using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Data;

/// <summary>Choosing the database: a provider name that is neither, or PostgreSQL without a server named, stops the app in one line.</summary>
public sealed class DatabaseProviderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("newsreader-provider-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    public async Task A_wrong_provider_name_is_a_usage_error_that_names_the_setting(string provider)
    {
        var run = await AppProcess.RunAsync(Path.Combine(_folder, "app.db"), "users", "list", $"--NewsReader:Database:Provider={provider}");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: NewsReader:Database:Provider is \"{provider}\": choose Sqlite or Postgres.", line);
        Assert.False(File.Exists(Path.Combine(_folder, "app.db")), "nothing was created");
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_says_what_to_set()
    {
        var run = await AppProcess.RunAsync(Path.Combine(_folder, "app.db"), "users", "list", "--NewsReader:Database:Provider=postgres", "--ConnectionStrings:NewsReader=");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: NewsReader:Database:Provider is Postgres: set ConnectionStrings:NewsReader", run.Errors, StringComparison.Ordinal);
    }
}
