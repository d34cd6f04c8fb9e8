using Microsoft.EntityFrameworkCore;
using NewsReader.Articles;
using NewsReader.Articles.Import;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

/// <summary>The importer through its service door, on real SQLite with migrations.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<int> CountAsync() => _app.WithDbAsync(db => db.Articles.CountAsync(TestContext.Current.CancellationToken));

    [Fact]
    public async Task Reimporting_the_same_file_creates_no_duplicate()
    {
        var first = await _app.ImportFixtureAsync("wire-basic.txt");
        var second = await _app.ImportFixtureAsync("wire-basic.txt");

        Assert.Equal(ImportOutcome.Created, first.Outcome);
        Assert.Equal(ImportOutcome.Unchanged, second.Outcome);
        Assert.Equal(first.Slug, second.Slug);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Identical_content_under_another_name_is_not_stored_twice()
    {
        var text = await File.ReadAllTextAsync(Paths.Fixture("wire-headline.txt"), TestContext.Current.CancellationToken);
        var first = await _app.ImportAsync("one.txt", text);
        var second = await _app.ImportAsync("copy-of-one.txt", text);

        Assert.Equal(ImportOutcome.Unchanged, second.Outcome);
        Assert.Equal(first.Slug, second.Slug);
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task A_changed_file_becomes_a_new_revision_and_unchanged_paragraphs_keep_their_anchors()
    {
        var original = await File.ReadAllTextAsync(Paths.Fixture("wire-basic.txt"), TestContext.Current.CancellationToken);
        var first = await _app.ImportAsync("grid.txt", original);
        var edited = original.Replace(
            "The decision reverses",
            "A paragraph inserted near the top, as editors do.\n\nThe decision reverses",
            StringComparison.Ordinal);
        var second = await _app.ImportAsync("grid.txt", edited);

        Assert.Equal(ImportOutcome.Updated, second.Outcome);
        Assert.Equal(first.Slug, second.Slug);
        var revisions = await _app.WithDbAsync(db => db.ArticleRevisions.AsNoTracking().OrderBy(r => r.Number).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Equal(original, revisions[0].SourceText);

        var before = StoredBlocks.Deserialize(revisions[0].BlocksJson);
        var after = StoredBlocks.Deserialize(revisions[1].BlocksJson);
        Assert.Equal(before.Count + 1, after.Count);
        foreach (var block in before)
        {
            Assert.Contains(after, b => b.Anchor == block.Anchor && b.Text == block.Text);
        }

        var article = await _app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(revisions[1].Id, article.CurrentRevisionId);
        Assert.Equal(2, article.RevisionNumber);
    }

    [Fact]
    public async Task Bad_files_fail_with_a_reason_and_nothing_is_half_written()
    {
        foreach (var (fixture, reason) in new[]
                 {
                     ("empty.txt", "empty file"),
                     ("whitespace-only.txt", "empty file"),
                     ("binary.txt", "binary"),
                     ("undecodable.txt", "control character"),
                     ("bad-date.txt", "not a valid date"),
                 })
        {
            var result = await _app.ImportFixtureAsync(fixture);
            Assert.Equal(ImportOutcome.Failed, result.Outcome);
            Assert.Contains(reason, result.Error, StringComparison.Ordinal);
            Assert.EndsWith(fixture, result.Source, StringComparison.Ordinal);
        }

        var missing = await _app.WithScopeAsync(s => s.GetRequiredService<ArticleImporter>().ImportFileAsync("/no/such/file.txt", CancellationToken.None));
        Assert.Contains("no such file", missing.Error, StringComparison.Ordinal);
        var unsupported = await _app.ImportAsync("notes.docx", "text");
        Assert.Contains("unsupported file type '.docx'", unsupported.Error, StringComparison.Ordinal);

        Assert.Equal(0, await CountAsync());
        Assert.Equal(0, await _app.WithDbAsync(db => db.ArticleRevisions.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Files_over_the_size_limit_are_refused()
    {
        using var app = new TestApp();
        app.Settings["NewsReader:Import:MaxFileBytes"] = "100";
        var result = await app.ImportFixtureAsync("wire-basic.txt");

        Assert.Equal(ImportOutcome.Failed, result.Outcome);
        Assert.Contains("over the import limit", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slugs_are_unique_and_stable_across_updates()
    {
        var a = await _app.ImportAsync("a.txt", "Same headline here\n\nBody of the first article.");
        var b = await _app.ImportAsync("b.txt", "Same headline here\n\nBody of the second article.");
        var a2 = await _app.ImportAsync("a.txt", "A different headline now\n\nBody of the first article, revised.");

        Assert.Equal("same-headline-here", a.Slug);
        Assert.Equal("same-headline-here-2", b.Slug);
        Assert.Equal(a.Slug, a2.Slug);
        Assert.Equal("A different headline now", a2.Title);
    }

    [Fact]
    public async Task A_taken_slug_gets_the_first_free_number()
    {
        var first = await _app.ImportAsync("one.txt", "Council meets again\n\nFirst report.");
        var second = await _app.ImportAsync("two.txt", "Council meets again\n\nSecond report.");
        var third = await _app.ImportAsync("three.txt", "Council meets again\n\nThird report.");
        var other = await _app.ImportAsync("four.txt", "Council meets again 2\n\nA headline that slugs like a numbered one.");

        Assert.Equal(["council-meets-again", "council-meets-again-2", "council-meets-again-3"], new[] { first.Slug, second.Slug, third.Slug });
        Assert.Equal("council-meets-again-2-2", other.Slug);
        Assert.Equal(4, await CountAsync());
    }

    [Fact]
    public async Task A_failed_store_rolls_the_whole_article_back()
    {
        // A failure after the article row is written (a full disk, say) must leave no article behind.
        await _app.ImportAsync("first.txt", "Unique headline\n\nText one.");
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
#if POSTGRES
            """
            CREATE FUNCTION fail_revision() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF (SELECT count(*) FROM "Articles") > 1 THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER fail_revision BEFORE INSERT ON "ArticleRevisions" FOR EACH ROW EXECUTE FUNCTION fail_revision();
            """,
#else
            "CREATE TRIGGER fail_revision BEFORE INSERT ON ArticleRevisions WHEN NEW.ContentHash LIKE '%' AND (SELECT COUNT(*) FROM Articles) > 1 BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
#endif
            TestContext.Current.CancellationToken));

        var result = await _app.ImportAsync("second.txt", "Another headline\n\nText two.");

        Assert.Equal(ImportOutcome.Failed, result.Outcome);
        Assert.Contains("disk full", result.Error, StringComparison.Ordinal);

        Assert.Equal(1, await CountAsync());
        Assert.Equal(1, await _app.WithDbAsync(db => db.ArticleRevisions.CountAsync(TestContext.Current.CancellationToken)));
    }

    private async Task<IReadOnlyList<ImportResult>> ImportFilesAsync(params (string Name, string Text)[] files)
    {
        var folder = Directory.CreateTempSubdirectory("newsreader-batch-").FullName;
        try
        {
            var paths = new List<string>();
            foreach (var (name, text) in files)
            {
                paths.Add(Path.Combine(folder, name));
                await File.WriteAllTextAsync(paths[^1], text, TestContext.Current.CancellationToken);
            }

            paths.Add(Path.Combine(folder, "missing.txt"));              // a file that is not there fails before any storing
            return (await _app.WithScopeAsync(services => services.GetRequiredService<ArticleImporter>()
                .ImportFilesAsync(paths, TestContext.Current.CancellationToken))).SkipLast(1).ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_batch_stores_every_article_and_sees_its_own_duplicates()
    {
        var results = await ImportFilesAsync(
            ("one.txt", "First headline\n\nText one."),
            ("two.txt", "Second headline\n\nText two."),
            ("copy.txt", "First headline\n\nText one."));

        Assert.Equal([ImportOutcome.Created, ImportOutcome.Created, ImportOutcome.Unchanged], results.Select(r => r.Outcome));
        Assert.EndsWith("copy.txt", results[2].Source, StringComparison.Ordinal);        // results name the file's path
        Assert.Equal(results[0].Slug, results[2].Slug);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task An_article_that_fails_to_store_in_a_batch_fails_alone_and_the_others_are_stored()
    {
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
#if POSTGRES
            """
            CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW."Title" = 'Poisoned headline' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER poison BEFORE INSERT ON "Articles" FOR EACH ROW EXECUTE FUNCTION poison();
            """,
#else
            "CREATE TRIGGER poison BEFORE INSERT ON Articles WHEN NEW.Title = 'Poisoned headline' BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
#endif
            TestContext.Current.CancellationToken));

        var results = await ImportFilesAsync(
            ("before.txt", "Headline before\n\nText before."),
            ("poison.txt", "Poisoned headline\n\nText."),
            ("after.txt", "Headline after\n\nText after."));

        Assert.Equal([ImportOutcome.Created, ImportOutcome.Failed, ImportOutcome.Created], results.Select(r => r.Outcome));
        Assert.Contains("disk full", results[1].Error, StringComparison.Ordinal);
        var titles = await _app.WithDbAsync(db => db.Articles.OrderBy(a => a.Title).Select(a => a.Title).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["Headline after", "Headline before"], titles);
        Assert.Equal(2, await _app.WithDbAsync(db => db.ArticleRevisions.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_new_article_reads_back_through_ef_core_exactly_as_imported()
    {
        // New articles are written by prepared statements (NewArticleRows), the rest by EF Core:
        // every column must read back through EF Core as what was imported.
        var before = DateTime.UtcNow.AddSeconds(-1);
        var result = await _app.ImportAsync("zürich.txt",
            "date 2024-02-29 By Zoë Ångström and José Núñez\n\nZÜRICH, Feb. 28 (Alpen Wire) – It's \"quoted\" \\ and 'so' on.\n\nSecond paragraph.");
        var undated = await _app.ImportAsync("undated.md", "# Plain heading\n\nA body.");

        var article = await _app.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Revisions).SingleAsync(a => a.Slug == result.Slug, TestContext.Current.CancellationToken));
        Assert.Equal("zürich.txt", article.SourceName);
        Assert.Equal(["Zoë Ångström", "José Núñez"], article.Authors);
        Assert.Equal(new DateOnly(2024, 2, 29), article.PublishedOn);
        Assert.Equal(new DateOnly(2024, 2, 29), article.SortDate);
        Assert.Equal("Alpen Wire", article.Source);
        Assert.Equal("ZÜRICH", article.Place);
        Assert.Equal(ArticleFormat.WireText, article.Format);
        Assert.True(article.WordCount > 10);
        Assert.Equal(1, article.RevisionNumber);
        Assert.Equal(DateTimeKind.Utc, article.ImportedAt.Kind);
        Assert.InRange(article.ImportedAt, before, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(article.ImportedAt, article.UpdatedAt);
        var revision = Assert.Single(article.Revisions);
        Assert.Equal(article.CurrentRevisionId, revision.Id);
        Assert.Equal(article.ContentHash, revision.ContentHash);
        Assert.Equal(article.ImportedAt, revision.CreatedAt);
        Assert.Contains("It's \"quoted\" \\ and 'so' on.", revision.SourceText, StringComparison.Ordinal);

        var plain = await _app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Slug == undated.Slug, TestContext.Current.CancellationToken));
        Assert.Null(plain.PublishedOn);
        Assert.Null(plain.Source);
        Assert.Empty(plain.Authors);
        Assert.Equal(ArticleFormat.Markdown, plain.Format);
        Assert.Equal(DateOnly.FromDateTime(plain.ImportedAt), plain.SortDate);

        // Then changed: EF Core updates the row the statements wrote.
        var changed = await _app.ImportAsync("zürich.txt",
            "date 2024-02-29 By Zoë Ångström\n\nZÜRICH, Feb. 28 (Alpen Wire) – It's \"quoted\" \\ and 'so' on.\n\nSecond paragraph, edited.");
        Assert.Equal(ImportOutcome.Updated, changed.Outcome);
        var updated = await _app.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.Slug == result.Slug, TestContext.Current.CancellationToken));
        Assert.Equal(["Zoë Ångström"], updated.Authors);
        Assert.Equal(2, updated.RevisionNumber);
        Assert.Equal(article.ImportedAt, updated.ImportedAt);
    }
}
