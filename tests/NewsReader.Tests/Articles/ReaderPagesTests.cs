using System.Net;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

/// <summary>
/// A signed-in reader's pages are kept for that reader while nothing has changed (ReaderPages):
/// served again as they were, never to anyone else, never after a change, and never without the
/// antiforgery cookie their form token belongs to.
/// </summary>
public sealed class ReaderPagesTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private string _slug = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _slug = (await _app.ImportFixtureAsync("wire-basic.txt")).Slug!;

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Page => $"/articles/{_slug}";

    private static async Task<(string Token, int Notes, HttpResponseMessage Response)> ViewAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!, page.QuerySelectorAll("[data-note-for]").Length, response);
    }

    [Fact]
    public async Task A_repeat_view_is_the_same_page_until_anything_is_saved_then_it_shows_the_change()
    {
        var reader = await _app.RegisterAsync("repeat@example.com");

        var first = await ViewAsync(reader, Page);
        var again = await ViewAsync(reader, Page);

        // A fresh render would carry a new token (each one is encrypted anew): the same token is the kept page.
        Assert.Equal(first.Token, again.Token);
        Assert.True(again.Response.Headers.Age is not null, "a kept page says how old it is (Age)");
        Assert.True(again.Response.Headers.CacheControl?.NoStore, "a kept page is still never kept by the browser");

        await reader.HighlightAsync(_app, _slug, "dry winter", note: "kept pages must show this");
        var changed = await ViewAsync(reader, Page);

        Assert.Equal(1, changed.Notes);
        Assert.NotEqual(first.Token, changed.Token);
    }

    [Fact]
    public async Task Another_reader_never_gets_a_page_kept_for_someone_else()
    {
        var alice = await _app.RegisterAsync("alice@example.com");
        var bob = await _app.RegisterAsync("bob@example.com");
        await alice.HighlightAsync(_app, _slug, "dry winter", note: "alice-only-note");

        var alicePage = await alice.GetStringAsync(Page, Ct);
        await alice.GetStringAsync(Page, Ct);                          // kept for alice now
        var bobPage = await bob.GetStringAsync(Page, Ct);

        Assert.Contains("alice-only-note", alicePage, StringComparison.Ordinal);
        Assert.DoesNotContain("alice-only-note", bobPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-note-for=", bobPage, StringComparison.Ordinal);
        Assert.Contains("bob@example.com", await bob.GetStringAsync("/Account/Password", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_on_a_kept_page_works_and_a_browser_without_the_antiforgery_cookie_gets_a_new_one()
    {
        var reader = await _app.RegisterAsync("tokens@example.com");
        await ViewAsync(reader, Page);
        var kept = await ViewAsync(reader, Page);

        reader.DefaultRequestHeaders.Remove("RequestVerificationToken");
        reader.DefaultRequestHeaders.Add("RequestVerificationToken", kept.Token);
        await reader.HighlightAsync(_app, _slug, "dry winter");     // 201 with the kept page's token

        // The same sign-in cookie without the antiforgery cookie (a new tab after that cookie was cleared).
        var signedInOnly = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var cookies = await CookieHeaderAsync(reader);
        signedInOnly.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Where(c => !c.StartsWith("newsreader.antiforgery=", StringComparison.Ordinal))));

        var fresh = await ViewAsync(signedInOnly, Page);

        Assert.Contains(fresh.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("newsreader.antiforgery=", StringComparison.Ordinal));
        Assert.NotEqual(kept.Token, fresh.Token);
        Assert.Equal(1, fresh.Notes);
    }

    /// <summary>The cookies the test client holds for the app, as name=value pairs.</summary>
    private async Task<IReadOnlyList<string>> CookieHeaderAsync(HttpClient client)
    {
        // The test client's cookie handler adds them to each request it sends: read them off one.
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = response.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? values : [];
        return sent.SelectMany(v => v.Split("; ")).ToList();
    }

    [Fact]
    public async Task A_page_asks_the_database_for_its_data_version_once_whatever_caches_it_passes()
    {
        var reader = await _app.RegisterAsync("version@example.com");
        var versions = _app.Services.GetRequiredService<NewsReader.Data.DataVersion>();
        await reader.HighlightAsync(_app, _slug, "dry winter", note: "one read");

        // Rendered: the session, the kept-page key, the article header and the notes panel all ask.
        var before = versions.Reads;
        var rendered = await ViewAsync(reader, Page);
        Assert.Equal(1, rendered.Notes);
        Assert.Equal(1, versions.Reads - before);

        // Kept: the session and the kept-page key ask.
        before = versions.Reads;
        await ViewAsync(reader, Page);
        Assert.Equal(1, versions.Reads - before);
    }
}
