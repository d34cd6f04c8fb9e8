using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Accounts;

/// <summary>
/// <c>/Account/Delete</c> and <c>users delete EMAIL</c>: the account and everything in it go in
/// one transaction, other readers are untouched, the address registers afresh, a wrong password
/// and the last administrator are refused with a clear message.
/// </summary>
public sealed class AccountDeletionTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string password)
    {
        var page = await client.GetStringAsync("/Account/Delete", Ct);
        return await client.PostAsync("/Account/Delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = Html.FormToken(page),
        }), Ct);
    }

    /// <summary>Every row the reader owns, table by table, and the search index's rows of their highlights.</summary>
    private Task<int[]> OwnedRowsAsync(string email) => _app.WithDbAsync(async db =>
    {
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleOrDefaultAsync(Ct) ?? "";
#if POSTGRES
        var search = await db.Database.SqlQueryRaw<int>("SELECT CAST(count(*) AS integer) AS \"Value\" FROM \"HighlightSearch\" WHERE \"UserId\" = {0}", id).SingleAsync(Ct);
#else
        var search = await db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM HighlightSearchRows WHERE UserId = {0}", id).SingleAsync(Ct);
#endif
        return new[]
        {
            await db.Highlights.CountAsync(h => h.UserId == id, Ct),
            await db.HighlightTags.CountAsync(t => t.UserId == id, Ct),
            await db.ArticleNotes.CountAsync(n => n.UserId == id, Ct),
            await db.ColorLabels.CountAsync(l => l.UserId == id, Ct),
            await db.ReadingStates.CountAsync(s => s.UserId == id, Ct),
            await db.ArticleTags.CountAsync(t => t.UserId == id, Ct),
            await db.ReaderTags.CountAsync(t => t.UserId == id, Ct),
            await db.UserSessions.CountAsync(s => s.UserId == id, Ct),
            search,
        };
    });

    private async Task FillAsync(HttpClient reader, string slug, string note)
    {
        await reader.HighlightAsync(_app, slug, "grid operator", note: note, tags: ["mine"]);
        await reader.SaveArticleNoteAsync(slug, note);
        await reader.SaveColorLabelAsync("blue", "background");
        await (await reader.PutAsJsonAsync($"/api/articles/{slug}/tags", new { tags = new[] { "kept" } }, Ct)).JsonAsync(HttpStatusCode.OK);
        await (await reader.PatchJsonAsync($"/api/articles/{slug}/state", new { read = true })).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_reader_deletes_their_account_and_everything_in_it_and_nobody_elses()
    {
        var slug = (await _app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        await _app.RegisterAsync("admin@example.com");
        var leaving = await _app.RegisterAsync("leaving@example.com");
        var staying = await _app.RegisterAsync("staying@example.com");
        await FillAsync(leaving, slug, "Leaving's note.");
        await FillAsync(staying, slug, "Staying's note.");
        Assert.All(await OwnedRowsAsync("leaving@example.com"), count => Assert.True(count > 0));

        var response = await DeleteAsync(leaving, Readers.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?account=deleted", response.Headers.Location!.OriginalString);
        Assert.Contains("Your account was deleted", (await leaving.GetDocumentAsync("/?account=deleted")).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await leaving.GetDocumentAsync("/")).QuerySelector("meta[name=csrf-token]"));    // signed out

        Assert.All(await OwnedRowsAsync("leaving@example.com"), count => Assert.Equal(0, count));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "leaving@example.com", Ct)));
        Assert.All(await OwnedRowsAsync("staying@example.com"), count => Assert.True(count > 0));
        var theirs = await (await staying.GetAsync("/api/search?q=note", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, theirs.GetProperty("highlights").GetArrayLength());

        // The address registers again, afresh: nothing of the old account comes back.
        var again = await _app.RegisterAsync("leaving@example.com");
        Assert.All(await OwnedRowsAsync("leaving@example.com"), (count, i) => Assert.Equal(i == 7 ? 1 : 0, count));   // only the new session
        Assert.Equal(0, (await (await again.GetAsync("/api/search?q=note", Ct)).JsonAsync(HttpStatusCode.OK)).GetProperty("highlights").GetArrayLength());
    }

    [Fact]
    public async Task A_wrong_password_deletes_nothing_and_says_so()
    {
        await _app.RegisterAsync("admin@example.com");
        var reader = await _app.RegisterAsync("careful@example.com");
        var response = await DeleteAsync(reader, "not my password at all");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("That is not your password", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "careful@example.com", Ct)));

        var empty = await DeleteAsync(reader, "");
        Assert.Contains("Enter your password", Html.Parse(await empty.Content.ReadAsStringAsync(Ct)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.Browser().GetAsync("/Account/Delete", Ct)).StatusCode);   // visitors sign in first
    }

    [Fact]
    public async Task The_last_administrator_cannot_delete_themselves_on_the_page_or_by_the_cli()
    {
        var admin = await _app.RegisterAsync("only-admin@example.com");
        var response = await DeleteAsync(admin, Readers.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("only administrator", Html.Parse(await response.Content.ReadAsStringAsync(Ct)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "only-admin@example.com", Ct)));

        var cli = await AppProcess.RunAsync(_app, "users", "delete", "only-admin@example.com");
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("only administrator", cli.Errors, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "only-admin@example.com", Ct)));

        // With a second administrator, either can go; the CLI deletes a reader too.
        Assert.Equal(0, (await AppProcess.RunAsync(_app, "users", "add-admin", "second-admin@example.com", "--password", Readers.Password)).ExitCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DeleteAsync(admin, Readers.Password)).StatusCode);
        await _app.RegisterAsync("reader@example.com");
        var deleted = await AppProcess.RunAsync(_app, "users", "delete", "reader@example.com");
        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains("deleted reader@example.com", deleted.Output, StringComparison.Ordinal);
        Assert.Equal(["second-admin@example.com"], await _app.WithDbAsync(db => db.Users.Select(u => u.Email!).ToListAsync(Ct)));
        Assert.Equal(2, (await AppProcess.RunAsync(_app, "users", "delete", "nobody@example.com")).ExitCode);
    }
}
