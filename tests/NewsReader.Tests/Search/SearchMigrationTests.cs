using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NewsReader.Data;
using NewsReader.Search;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Search;

/// <summary>A database from before search gets its index when the app upgrades it: its articles and highlights are found at once.</summary>
public sealed class SearchMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_existing_database_is_indexed_by_the_migration()
    {
        using var app = new TestApp();
        Directory.CreateDirectory(Path.GetDirectoryName(app.DatabasePath)!);
        var beforeSearch = DatabaseSchema.Migrations[DatabaseSchema.Migrations.ToList().FindIndex(m => m.EndsWith("_Search", StringComparison.Ordinal)) - 1];
        await using (var db = new AppDb(new DbContextOptionsBuilder<AppDb>().UseSqlite($"Data Source={app.DatabasePath};Pooling=False").Options))
        {
            await db.GetService<IMigrator>().MigrateAsync(beforeSearch, cancellationToken: Ct);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(Ct);
            await using var insert = connection.CreateCommand();
            insert.CommandText =
                """
                INSERT INTO "AspNetUsers" ("Id", "UserName", "Email", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                VALUES ('user-1', 'old@example.com', 'old@example.com', 1, 0, 0, 1, 0);
                INSERT INTO "Articles" ("Id", "Slug", "SourceName", "Title", "Authors", "SortDate", "Format", "WordCount", "CurrentRevisionId", "RevisionNumber", "ContentHash", "ImportedAt", "UpdatedAt")
                VALUES (7, 'keeper', 'keeper.txt', 'Lighthouse keeper retires', '["Ana Ruiz"]', '2024-01-02', 'WireText', 6, 0, 1, 'hash', '2024-01-02 00:00:00', '2024-01-02 00:00:00');
                INSERT INTO "ArticleRevisions" ("Id", "ArticleId", "Number", "ContentHash", "SourceText", "BlocksJson", "CreatedAt")
                VALUES (70, 7, 1, 'hash', 'x', '[{"anchor":"p-aaaa","kind":"Paragraph","text":"After forty winters the keeper hands over the lamp."}]', '2024-01-02 00:00:00');
                UPDATE "Articles" SET "CurrentRevisionId" = 70 WHERE "Id" = 7;
                INSERT INTO "Highlights" ("Id", "UserId", "ArticleId", "RevisionId", "StartAnchor", "StartOffset", "EndAnchor", "EndOffset", "StartBlock", "EndBlock",
                    "Exact", "Prefix", "Suffix", "Color", "Note", "NoteHtml", "IsOrphan", "CreatedAt", "UpdatedAt")
                VALUES ('3F2504E0-4F89-11D3-9A0C-0305E82C3301', 'user-1', 7, 70, 'p-aaaa', 6, 'p-aaaa', 20, 0, 0,
                    'forty winters', 'After ', ' the keeper', 'green', 'a whole career', '<p>a whole career</p>', 0, '2024-01-03 00:00:00', '2024-01-03 00:00:00');
                INSERT INTO "HighlightTags" ("HighlightId", "Name", "UserId") VALUES ('3F2504E0-4F89-11D3-9A0C-0305E82C3301', 'people', 'user-1');
                """;
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var results = await app.WithScopeAsync(async services =>
        {
            var searches = services.GetRequiredService<Searches>();
            var found = new List<SearchResults>();
            foreach (var text in new[] { "lamp", "career", "people" })
            {
                var (query, colors, _) = await searches.ParseAsync(text, "user-1", Ct);
                found.Add(await searches.RunAsync(query!, colors, "user-1", 10, 0, Ct));
            }

            return found;
        });

        Assert.Equal("keeper", Assert.Single(results[0].Articles).Slug);
        Assert.Equal("forty winters", Assert.Single(results[1].Highlights).Quote);
        Assert.Equal(["people"], Assert.Single(results[2].Highlights).Tags);
    }

    [Fact]
    public async Task Raw_writes_in_either_order_are_indexed_and_a_deleted_article_leaves_it()
    {
        using var app = new TestApp();
        await app.WithDbAsync(async db =>
        {
            // As bulk loaders do it: the article naming its revision first, the revision after.
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Articles" ("Id", "Slug", "SourceName", "Title", "Authors", "SortDate", "Format", "WordCount", "CurrentRevisionId", "RevisionNumber", "ContentHash", "ImportedAt", "UpdatedAt")
                VALUES (9, 'bulk', 'bulk.txt', 'Bulk loaded brief', '[]', '2024-01-02', 'WireText', 4, 90, 1, 'h', '2024-01-02 00:00:00', '2024-01-02 00:00:00');
                INSERT INTO "ArticleRevisions" ("Id", "ArticleId", "Number", "ContentHash", "SourceText", "BlocksJson", "CreatedAt")
                VALUES (90, 9, 1, 'h', 'x', '[{{"anchor":"p-b","kind":"Paragraph","text":"Quarry reopens after the flood."}}]', '2024-01-02 00:00:00');
                """, Ct);
            return 0;
        });
        Assert.Equal(["bulk"], await SlugsAsync(app, "quarry"));

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"Articles\" WHERE \"Id\" = 9", Ct));
        Assert.Empty(await SlugsAsync(app, "quarry"));
    }

    private static Task<List<string>> SlugsAsync(TestApp app, string text) => app.WithScopeAsync(async services =>
    {
        var searches = services.GetRequiredService<Searches>();
        var (query, colors, _) = await searches.ParseAsync(text, null, Ct);
        return (await searches.RunAsync(query!, colors, null, 10, 0, Ct)).Articles.Select(a => a.Slug).ToList();
    });
}
