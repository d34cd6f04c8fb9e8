using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Web;

/// <summary>Cookies are Secure and HSTS is sent whenever the site is https; forwarded addresses are believed from known proxies only.</summary>
public sealed class ProxyAndCookieTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string[] Cookies, HttpResponseMessage Page)> SignInCookiesAsync(TestApp app, Uri baseAddress)
    {
        await app.RegisterAsync("secure@example.com");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = baseAddress, AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetAsync("/Account/Login", Ct);
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "secure@example.com",
            ["Input.Password"] = Readers.Password,
            ["__RequestVerificationToken"] = Html.FormToken(await page.Content.ReadAsStringAsync(Ct)),
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        cookies.AddRange(signIn.Headers.GetValues("Set-Cookie"));
        return (cookies.ToArray(), page);
    }

    [Fact]
    public async Task With_an_https_public_url_every_cookie_is_secure_and_hsts_is_sent_even_over_a_proxys_http()
    {
        using var app = new TestApp();
        app.Settings["NewsReader:PublicUrl"] = "https://notes.example.org";
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            return await users.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityUser { UserName = "secure@example.com", Email = "secure@example.com" }, Readers.Password);
        });

        // Plain http between the proxy and the app; the browser sends back what it was given.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://notes.example.org"), AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/Account/Login", Ct);
        var cookies = page.Headers.GetValues("Set-Cookie").ToList();
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "secure@example.com",
                ["Input.Password"] = Readers.Password,
                ["__RequestVerificationToken"] = Html.FormToken(await page.Content.ReadAsStringAsync(Ct)),
            }),
        };
        signIn.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        var response = await client.SendAsync(signIn, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        cookies.AddRange(response.Headers.GetValues("Set-Cookie"));

        Assert.Contains(cookies, c => c.StartsWith("newsreader.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("newsreader.antiforgery=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Over_https_cookies_are_secure_and_over_plain_http_on_localhost_they_are_not()
    {
        using var https = new TestApp();
        var (secure, page) = await SignInCookiesAsync(https, new Uri("https://notes.example.org"));
        Assert.All(secure, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.True(page.Headers.Contains("Strict-Transport-Security"));

        using var http = new TestApp();
        var (plain, local) = await SignInCookiesAsync(http, new Uri("http://localhost"));
        Assert.All(plain, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(local.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_client_cannot_rotate_x_forwarded_for_past_the_sign_in_rate_limit()
    {
        using var app = new TestApp();
        app.Settings["NewsReader:RateLimits:AccountPerMinute"] = "3";
        app.UseKestrel(0);
        app.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri(RealServer.Address(app)) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add((await client.SendAsync(request, Ct)).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
