using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Accounts;

/// <summary>A session ends on the server: a copied cookie stops working at sign-out, at a password change or reset, and at "Sign out everywhere".</summary>
public sealed class SessionTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    /// <summary>Signs in without a cookie jar and returns the cookies as a browser would send them: what a thief would copy.</summary>
    private async Task<string> SignInAsync(string email, string password = Readers.Password, string userAgent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        var form = await client.GetAsync("/Account/Login", Ct);
        var antiforgery = Cookies(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = password,
                ["__RequestVerificationToken"] = Html.FormToken(await form.Content.ReadAsStringAsync(Ct)),
            }),
        };
        request.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return antiforgery + "; " + Cookies(response);
    }

    private static string Cookies(HttpResponseMessage response) => string.Join("; ",
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => !c.EndsWith('=')));

    private async Task<HttpStatusCode> NotesWithAsync(string cookies)
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/notes");
        request.Headers.Add("Cookie", cookies);
        return (await client.SendAsync(request, Ct)).StatusCode;
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_a_copied_cookie_too()
    {
        var reader = await _app.RegisterAsync("copied@example.com");
        var copied = await SignInAsync("copied@example.com");
        Assert.Equal(HttpStatusCode.OK, await NotesWithAsync(copied));

        // The same cookie, signed out through the header's form.
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Cookie", copied);
        var html = await (await client.SendAsync(page, Ct)).Content.ReadAsStringAsync(Ct);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.FormToken(html) }),
        };
        signOut.Headers.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(signOut, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await NotesWithAsync(copied));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/notes", Ct)).StatusCode);     // another session of the same reader goes on
    }

    [Fact]
    public async Task A_password_change_ends_every_other_session_at_once_and_keeps_this_one()
    {
        var reader = await _app.RegisterAsync("changer@example.com");
        var elsewhere = await SignInAsync("changer@example.com");
        Assert.Equal(HttpStatusCode.OK, await NotesWithAsync(elsewhere));

        var form = await reader.GetStringAsync("/Account/Password", Ct);
        var changed = await reader.PostAsync("/Account/Password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Readers.Password,
            ["Input.NewPassword"] = "another long pass phrase",
            ["Input.ConfirmPassword"] = "another long pass phrase",
            ["__RequestVerificationToken"] = Html.FormToken(form),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await NotesWithAsync(elsewhere));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/notes", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_reset_from_the_cli_ends_every_session_of_the_account()
    {
        await _app.RegisterAsync("forgetful@example.com");
        var session = await SignInAsync("forgetful@example.com");
        Assert.Equal(HttpStatusCode.OK, await NotesWithAsync(session));

        Assert.Equal(0, await _app.RunCliAsync("users", "reset-password", "forgetful@example.com", "--password", "a new long passphrase"));

        Assert.Equal(HttpStatusCode.Redirect, await NotesWithAsync(session));
    }

    [Fact]
    public async Task The_account_page_lists_the_sessions_and_sign_out_everywhere_ends_them_all()
    {
        var reader = await _app.RegisterAsync("everywhere@example.com");
        var phone = await SignInAsync("everywhere@example.com", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1");

        var page = Html.Parse(await reader.GetStringAsync("/Account/Password", Ct));
        var sessions = page.QuerySelectorAll(".session-list li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, sessions.Count);
        Assert.Contains(sessions, s => s.Contains("Safari on iPhone", StringComparison.Ordinal));
        Assert.Contains(sessions, s => s.Contains("(this browser)", StringComparison.Ordinal));

        var everywhere = await reader.PostAsync("/Account/Password?handler=SignOutEverywhere", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.FormToken(page.DocumentElement.OuterHtml),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await NotesWithAsync(phone));
        Assert.Equal(HttpStatusCode.Redirect, (await reader.GetAsync("/notes", Ct)).StatusCode);
    }
}
