using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Export;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests;

/// <summary>
/// <c>copy-database --to-postgres</c>, run as a user would (the app's CLI on its SQLite file): an
/// embedded installation with readers, highlights and notes moves to PostgreSQL and comes out
/// the same; a target that is not empty is refused and left as it was.
/// </summary>
public sealed partial class CopyDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Embedded : NotesScenario
    {
        public Embedded() => OnSqlite = true;
    }

    [Fact]
    public async Task An_embedded_installation_moves_to_postgres_and_comes_out_identical()
    {
        using var embedded = new Embedded();
        await embedded.InitializeAsync();
        await (await embedded.Reader.PatchJsonAsync($"/api/articles/{embedded.Wire}/state", new { archived = true, favorite = true })).JsonAsync(HttpStatusCode.OK);
        var before = await ViewAsync(embedded.Reader);
        var accounts = await AccountsAsync(embedded);
        Assert.All(accounts, account => Assert.NotNull(account.Created));
        var browser = new CookieContainer();                                  // a browser signed in before the move
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(embedded.CreateDefaultClient(new CookieContainerHandler(browser)))).StatusCode);

        using var moved = new TestApp();
        var run = await AppProcess.RunAsync(embedded.DatabasePath, "copy-database", "--to-postgres", moved.PostgresConnectionString);
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Matches(@"Highlights\s+12\b", run.Output);                   // the reader's 11 and the other reader's one
        Assert.Matches(@"DataProtectionKeys\s+1\b", run.Output);

        // The same readers sign in with the same passwords, and see the same library and notes.
        var reader = moved.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(reader)).StatusCode);
        Assert.Equal(before, await ViewAsync(reader));
        Assert.Equal(accounts, await AccountsAsync(moved));                  // with when each was made (a column EF Core maps without a CLR property)

        // The browser signed in before the move is still signed in (the key ring and its session came along).
        var stillSignedIn = await moved.CreateDefaultClient(new CookieContainerHandler(browser)).GetAsync("/notes", Ct);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);

        // New rows get new ids after the copied ones.
        var imported = await moved.ImportAsync("after-the-move.txt", "After the move\n\nA new article, stored after the copy.");
        Assert.Equal(NewsReader.Articles.Import.ImportOutcome.Created, imported.Outcome);

        // A second copy into the now filled database is refused, and changes nothing.
        var count = await moved.WithDbAsync(db => db.Highlights.CountAsync(Ct));
        var again = await AppProcess.RunAsync(embedded.DatabasePath, "copy-database", "--to-postgres", moved.PostgresConnectionString);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("is not empty", again.Errors, StringComparison.Ordinal);
        Assert.Equal(count, await moved.WithDbAsync(db => db.Highlights.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_copy_that_fails_leaves_the_target_empty()
    {
        using var embedded = new Embedded();
        await embedded.InitializeAsync();
        using var target = new TestApp();

        // A note SQLite holds and PostgreSQL cannot (a NUL character): the copy fails half way, and nothing of it stays.
        await using (var sqlite = await OutsideConnection.OpenAsync(embedded))
        {
            Assert.Equal(1, await sqlite.ExecuteAsync("UPDATE \"Highlights\" SET \"Note\" = 'a' || char(0) || 'b' WHERE \"Id\" = @id",
                ("@id", embedded.Ids["h11"].ToString().ToUpperInvariant())));
        }

        var run = await AppProcess.RunAsync(embedded.DatabasePath, "copy-database", "--to-postgres", target.PostgresConnectionString);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("rolled back", error, StringComparison.Ordinal);
        await using var postgres = await OutsideConnection.OpenAsync(target);
        Assert.Equal(0L, await postgres.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Fact]
    public async Task The_copy_names_what_is_wrong_with_its_target()
    {
        using var embedded = new Embedded();
        await embedded.ImportFixtureAsync("wire-basic.txt");

        var missing = await AppProcess.RunAsync(embedded.DatabasePath, "copy-database");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--to-postgres", missing.Errors, StringComparison.Ordinal);

        var unreachable = await AppProcess.RunAsync(embedded.DatabasePath, "copy-database", "--to-postgres", "Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Timeout=2");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("cannot reach the PostgreSQL server at 127.0.0.1:1", unreachable.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", unreachable.Errors, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client)
    {
        var login = await client.GetStringAsync("/Account/Login", Ct);
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = NotesScenario.ReaderEmail,
            ["Input.Password"] = Readers.Password,
            ["__RequestVerificationToken"] = Html.FormToken(login),
        }), Ct);
    }

    /// <summary>What a reader sees: the library, My notes, and every export (the moment of the export aside).</summary>
    private static async Task<List<(string? Email, long? Created)>> AccountsAsync(TestApp app) =>
        (await app.WithDbAsync(db => db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new { u.Email, Created = EF.Property<DateTime?>(u, NewsReader.Accounts.AccountCreated.Property) }).ToListAsync(Ct)))
        .Select(a => (a.Email, a.Created?.Ticks)).ToList();

    private static async Task<string[]> ViewAsync(HttpClient reader)
    {
        var library = (await reader.GetDocumentAsync("/?filter=all")).QuerySelectorAll(".article-card").Select(c => c.TextContent.Trim());
        var archived = (await reader.GetDocumentAsync("/?filter=archived")).QuerySelectorAll(".article-card").Select(c => c.TextContent.Trim());
        var notes = (await reader.GetDocumentAsync("/notes")).QuerySelectorAll(".note-item").Select(n => n.TextContent.Trim());
        var exports = new List<string>();
        foreach (var format in new[] { "markdown", "jsonld", "csv" })
        {
            exports.Add(ExportedAt().Replace(await reader.GetStringAsync($"/export?format={format}", Ct), "", 1));
        }

        return [string.Join("\n", library), string.Join("\n", archived), string.Join("\n", notes), .. exports];
    }

    [GeneratedRegex("\"created\":\"[^\"]*\"")]
    private static partial Regex ExportedAt();
}
