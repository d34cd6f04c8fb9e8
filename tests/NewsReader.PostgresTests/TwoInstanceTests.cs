using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests;

/// <summary>
/// Two app instances on one PostgreSQL database, as behind a proxy: a reader signed in on one is
/// signed in on the other (one key ring, in the database), a form token from one is good on the
/// other, and a write through either, or by the CLI, shows on both at the next request, to
/// readers and visitors alike (every cache follows the database's version).
/// </summary>
public sealed class TwoInstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_on_one_database_behave_as_one_app()
    {
        using var a = new TestApp();
        using var b = new TestApp { PostgresConnectionString = a.PostgresConnectionString };
        var slug = (await a.ImportFixtureAsync("wire-basic.txt")).Slug!;

        // Visitors of both, their pages kept.
        var visitorA = a.CreateClient();
        var visitorB = b.CreateClient();
        foreach (var visitor in new[] { visitorA, visitorB, visitorA, visitorB })
        {
            Assert.Single((await visitor.GetDocumentAsync("/")).QuerySelectorAll(".article-card"));
        }

        // One browser: it registers on A and goes on on B.
        var jar = new CookieContainer();
        var onA = a.CreateDefaultClient(new CookieContainerHandler(jar));
        var onB = b.CreateDefaultClient(new CookieContainerHandler(jar));
        var form = await onA.GetStringAsync("/Account/Register", Ct);
        var registered = await onA.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "both@example.com",
            ["Input.Password"] = Readers.Password,
            ["Input.ConfirmPassword"] = Readers.Password,
            ["__RequestVerificationToken"] = Html.FormToken(form),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        var before = new ArticlePage(await onB.GetDocumentAsync($"/articles/{slug}"));     // signed in on B: the page has the API token
        Assert.Empty(before.Document.QuerySelectorAll("mark[data-highlight-id]"));
        await onB.UseApiTokenAsync($"/articles/{slug}");
        onA.DefaultRequestHeaders.Add("RequestVerificationToken", onB.DefaultRequestHeaders.GetValues("RequestVerificationToken"));

        // A highlight made on A with B's token, seen on B at once (its page for this reader was kept).
        var created = await (await onA.PostJsonAsync($"/api/articles/{slug}/highlights", before.Phrase("a dry winter", "green", "seen on both")))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        var after = await onB.GetDocumentAsync($"/articles/{slug}");
        Assert.Equal("a dry winter", Assert.Single(after.QuerySelectorAll($"mark[data-highlight-id='{id}']")).TextContent);
        var listed = await (await onB.GetAsync($"/api/articles/{slug}/highlights", Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), h => h.GetProperty("id").GetString() == id);

        // Deleted on B, gone from A's next page.
        Assert.Equal(HttpStatusCode.NoContent, (await onB.DeleteAsync($"/api/highlights/{id}", Ct)).StatusCode);
        Assert.Empty((await onA.GetDocumentAsync($"/articles/{slug}")).QuerySelectorAll("mark[data-highlight-id]"));

        // The CLI imports; visitors of both instances see it at their next request.
        var run = await AppProcess.RunAsync(a, "import", Paths.Fixture("wire-headline.txt"));
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(2, (await visitorA.GetDocumentAsync("/")).QuerySelectorAll(".article-card").Length);
        Assert.Equal(2, (await visitorB.GetDocumentAsync("/")).QuerySelectorAll(".article-card").Length);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_once_for_all_instances()
    {
        using var a = new TestApp();
        a.Settings["NewsReader:RateLimits:AccountPerMinute"] = "4";
        using var b = new TestApp { PostgresConnectionString = a.PostgresConnectionString };
        b.Settings["NewsReader:RateLimits:AccountPerMinute"] = "4";

        async Task<HttpStatusCode> WrongPasswordAsync(TestApp app)
        {
            var client = app.Browser();
            var form = await client.GetStringAsync("/Account/Login", Ct);
            var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "nobody@example.com",
                ["Input.Password"] = "not the password",
                ["__RequestVerificationToken"] = Html.FormToken(form),
            }), Ct);
            return response.StatusCode;
        }

        // Two tries on each instance use up the one allowance of four; the fifth, on either, is refused.
        foreach (var app in new[] { a, b, a, b })
        {
            Assert.Equal(HttpStatusCode.OK, await WrongPasswordAsync(app));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongPasswordAsync(a));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongPasswordAsync(b));
    }

    [Fact]
    public async Task Requests_at_the_same_moment_share_snapshot_reads_and_each_sees_what_was_committed_before_it()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var snapshot = app.Services.GetRequiredService<NewsReader.Data.Postgres.SnapshotVersion>();
        var visitor = app.CreateClient();
        Assert.Single((await visitor.GetDocumentAsync("/")).QuerySelectorAll(".article-card"));

        // A commit by another process, then a crowd of visitors: every one of them is shown it,
        // though the crowd asked the server for its snapshot fewer times than there are visitors.
        await using (var outside = await OutsideConnection.OpenAsync(app))
        {
            await outside.ExecuteAsync("UPDATE \"Articles\" SET \"Title\" = 'Retitled elsewhere' WHERE \"Slug\" = @slug", ("@slug", slug));
        }

        var before = snapshot.RoundTrips;
        var pages = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => visitor.GetStringAsync("/", Ct)));
        var reads = snapshot.RoundTrips - before;

        Assert.All(pages, page => Assert.Contains("Retitled elsewhere", page, StringComparison.Ordinal));
        Assert.InRange(reads, 1, 199);
    }
}
