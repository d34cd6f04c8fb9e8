using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Data;

/// <summary>
/// The web app migrates while its server starts (DatabaseStartup): the start still means a
/// ready database, and a database that cannot be prepared still stops the start.
/// </summary>
public sealed class DatabaseStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_app_counts_as_started_only_once_the_migrations_and_the_sample_article_are_in()
    {
        using var app = new TestApp();
        app.Settings["NewsReader:SeedSampleArticle"] = "true";

        // Services starts the host; the first thing after it reads the database directly.
        var (articles, pending) = await app.WithDbAsync(async db =>
            (await db.Articles.CountAsync(Ct), (await db.Database.GetPendingMigrationsAsync(Ct)).Count()));

        Assert.Equal(1, articles);
        Assert.Equal(0, pending);
    }

    [Fact]
    public async Task The_checked_in_migrations_match_the_model()
    {
        // The app does not compare them on every start (Database.AddDatabase); a model change
        // without its migration fails here instead.
        using var app = new TestApp();
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())));
    }

    [Fact]
    public void A_database_that_cannot_be_opened_stops_the_start_with_sqlites_error()
    {
        using var app = new TestApp();
        var folder = Directory.CreateTempSubdirectory("newsreader-not-a-file-").FullName;
        try
        {
            app.Settings["ConnectionStrings:NewsReader"] = $"Data Source={folder}";   // a folder, not a database file

            var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

            Assert.Contains("SQLite Error", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
