using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsReader.Articles;
using NewsReader.Articles.Import;
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
    public async Task The_sample_article_written_with_the_schema_has_the_rows_the_importer_writes()
    {
        using var seeded = new TestApp();
        seeded.Settings["NewsReader:SeedSampleArticle"] = "true";
        using var imported = new TestApp();
        await using var sample = typeof(SampleArticle).Assembly.GetManifestResourceStream("NewsReader.Articles.Sample." + SampleArticle.SourceName)!;
        using var bytes = new MemoryStream();
        await sample.CopyToAsync(bytes, Ct);
        Assert.Equal(ImportOutcome.Created, (await imported.ImportAsync(SampleArticle.SourceName, Encoding.UTF8.GetString(bytes.ToArray()))).Outcome);

        Assert.Equal(await StoredAsync(imported), await StoredAsync(seeded));
        var importedAt = await seeded.WithDbAsync(db => db.Articles.Select(a => a.ImportedAt).SingleAsync(Ct));
        Assert.Equal(DateTimeKind.Utc, importedAt.Kind);
        Assert.InRange(importedAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow);
    }

    /// <summary>Every column of the one article and its revision, read back through EF Core, but the times.</summary>
    private static Task<string> StoredAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var a = await db.Articles.AsNoTracking().SingleAsync(Ct);
        var r = await db.ArticleRevisions.AsNoTracking().SingleAsync(Ct);
        return string.Join("\n",
            a.Id, a.Slug, a.SourceName, a.Title, string.Join("|", a.Authors), a.PublishedOn, a.SortDate == DateOnly.FromDateTime(a.ImportedAt), a.Source, a.Place,
            a.Format, a.WordCount, a.CurrentRevisionId, a.RevisionNumber, a.ContentHash, a.UpdatedAt == a.ImportedAt || a.PublishedOn is not null,
            r.Id, r.ArticleId, r.Number, r.ContentHash, r.SourceText, r.BlocksJson);
    });

    [Fact]
    public async Task The_library_is_rendered_once_while_the_server_starts_and_the_app_serves_as_before()
    {
        using var app = new TestApp();
        app.Settings["NewsReader:SeedSampleArticle"] = "true";

        await app.StartedAsync();                               // the warm-up rendered / and answered 200

        // Rendered through its endpoint alone: nothing of it was kept for visitors.
        var response = await app.CreateClient().GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
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
