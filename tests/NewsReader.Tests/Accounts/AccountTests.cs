using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NewsReader.Accounts;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Accounts;

public sealed class AccountTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        // A browser's form post carries the form token only (the API header would take precedence).
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        var page = await client.GetStringAsync(url, Ct);
        fields["__RequestVerificationToken"] = Html.FormToken(page);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task Register_page_has_the_labelled_fields()
    {
        var page = await _app.Browser().GetDocumentAsync("/Account/Register");
        foreach (var (label, type) in new[] { ("Email", "email"), ("Password", "password"), ("Confirm password", "password") })
        {
            var element = page.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == label);
            var input = page.GetElementById(element.GetAttribute("for")!)!;
            Assert.Equal(type, input.GetAttribute("type"));
        }
    }

    [Fact]
    public async Task Registering_signs_in_at_once_and_the_first_account_is_the_only_automatic_admin()
    {
        var first = await _app.RegisterAsync("first@example.com");
        var second = await _app.RegisterAsync("second@example.com");

        Assert.Contains("first@example.com", await first.GetStringAsync("/Account/Password", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/import", Ct)).StatusCode);
        var denied = await second.GetAsync("/import", Ct);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/Denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetAsync(denied.Headers.Location, Ct)).StatusCode);
        var admins = await _app.WithScopeAsync(async s => await s.GetRequiredService<UserManager<IdentityUser>>().GetUsersInRoleAsync(Roles.Admin));
        Assert.Equal(["first@example.com"], admins.Select(a => a.Email));
    }

    [Fact]
    public async Task Registration_errors_name_the_field()
    {
        await _app.RegisterAsync("taken@example.com");
        var client = _app.Browser();
        var mismatch = await PostFormAsync(client, "/Account/Register", new()
        {
            ["Input.Email"] = "new@example.com", ["Input.Password"] = "long enough password", ["Input.ConfirmPassword"] = "different",
        });
        Assert.Contains("The two passwords do not match.", await mismatch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var duplicate = await PostFormAsync(client, "/Account/Register", new()
        {
            ["Input.Email"] = "taken@example.com", ["Input.Password"] = Readers.Password, ["Input.ConfirmPassword"] = Readers.Password,
        });
        Assert.Contains("An account with this email already exists", await duplicate.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var shortPassword = await PostFormAsync(client, "/Account/Register", new()
        {
            ["Input.Email"] = "short@example.com", ["Input.Password"] = "abc", ["Input.ConfirmPassword"] = "abc",
        });
        Assert.Contains("at least 8 characters", await shortPassword.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(Ct)));
    }

    [Fact]
    public async Task Registration_can_be_turned_off()
    {
        using var app = new TestApp();
        app.Settings["NewsReader:Registration:Enabled"] = "false";
        var client = app.Browser();
        var page = await client.GetAsync("/Account/Register", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Registration is closed", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_sign_out_and_change_password()
    {
        var client = await _app.RegisterAsync("reader@example.com");
        var signOut = await PostFormAsync(client, "/Account/Logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.DoesNotContain("csrf-token", await client.GetStringAsync("/", Ct), StringComparison.Ordinal);

        var wrong = await LoginAsync(client, "reader@example.com", "not the password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The email or password is not right.", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(client, "reader@example.com", Readers.Password)).StatusCode);

        var changed = await PostFormAsync(client, "/Account/Password", new()
        {
            ["Input.CurrentPassword"] = Readers.Password, ["Input.NewPassword"] = "a brand new passphrase", ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var fresh = _app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(fresh, "reader@example.com", "a brand new passphrase")).StatusCode);
    }

    /// <summary>The app with Identity checking the security stamp on every request instead of every 30 minutes.</summary>
    private sealed class StampCheckedEveryRequest : TestApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
        }
    }

    [Fact]
    public async Task Changing_the_password_signs_out_the_other_sessions_once_the_stamp_is_checked()
    {
        // The check is skipped until its interval is due (AccountsSetup); when due, it must still run.
        using var app = new StampCheckedEveryRequest();
        var here = await app.RegisterAsync("moved@example.com");
        var elsewhere = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(elsewhere, "moved@example.com", Readers.Password)).StatusCode);
        Assert.Contains("csrf-token", await elsewhere.GetStringAsync("/Account/Password", Ct), StringComparison.Ordinal);

        var changed = await PostFormAsync(here, "/Account/Password", new()
        {
            ["Input.CurrentPassword"] = Readers.Password, ["Input.NewPassword"] = "a brand new passphrase", ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/Account/Password", Ct)).StatusCode);
        var signedOut = await elsewhere.GetAsync("/Account/Password", Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/Account/Login", signedOut.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_and_the_cli_unlocks_it()
    {
        await _app.RegisterAsync("locked@example.com");
        var client = _app.Browser();
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(client, "locked@example.com", "wrong password " + i);
        }

        var locked = await LoginAsync(client, "locked@example.com", Readers.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var unlock = await AppProcess.RunAsync(_app, "users", "unlock", "locked@example.com");
        Assert.Equal(0, unlock.ExitCode);
        Assert.Contains("unlocked locked@example.com", unlock.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(client, "locked@example.com", Readers.Password)).StatusCode);
    }

    [Fact]
    public async Task Users_cli_lists_resets_passwords_and_makes_admins()
    {
        await _app.RegisterAsync("admin@example.com");
        await _app.RegisterAsync("reader@example.com");

        var reset = await AppProcess.RunAsync(_app, "users", "reset-password", "reader@example.com");
        Assert.Equal(0, reset.ExitCode);
        var newPassword = reset.Output.Trim().Split(": ")[^1];
        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(_app.Browser(), "reader@example.com", newPassword)).StatusCode);

        Assert.Equal(0, (await AppProcess.RunAsync(_app, "users", "add-admin", "reader@example.com")).ExitCode);
        var list = await AppProcess.RunAsync(_app, "users", "list");
        Assert.Matches(@"reader@example\.com\s+admin", list.Output);
        Assert.Contains("2 account(s)", list.Output, StringComparison.Ordinal);

        var missing = await AppProcess.RunAsync(_app, "users", "unlock", "nobody@example.com");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no account with email 'nobody@example.com'", missing.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_client()
    {
        using var app = new TestApp();
        app.Settings["NewsReader:RateLimits:AccountPerMinute"] = "3";
        var client = app.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await LoginAsync(client, "x@example.com", "whatever password")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var limited = await LoginAsync(client, "x@example.com", "whatever password");
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many requests", Html.Parse(await limited.Content.ReadAsStringAsync(Ct)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login", Ct)).StatusCode);
    }

    [Fact]
    public async Task Forms_without_an_antiforgery_token_are_refused()
    {
        var client = _app.Browser();
        var response = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "csrf@example.com", ["Input.Password"] = Readers.Password, ["Input.ConfirmPassword"] = Readers.Password,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Users.CountAsync(Ct)));
    }
}
