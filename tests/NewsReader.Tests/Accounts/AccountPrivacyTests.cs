using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using NewsReader.Accounts;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Accounts;

/// <summary>The sign-in page does not tell who has an account: the same work and the same words for every failure.</summary>
public sealed class AccountPrivacyTests : IDisposable
{
    private readonly CountingApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    /// <summary>Counts password checks: the costly step an unknown address used to skip (4.7 ms against 92 ms).</summary>
    private sealed class CountingHasher : IPasswordHasher<IdentityUser>
    {
        private readonly PasswordHasher<IdentityUser> _inner = new();

        public int Verifications;

        public string HashPassword(IdentityUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class CountingApp : TestApp
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<IdentityUser>>(Hasher));
        }
    }

    private async Task<(int Checks, string Page)> FailAsync(string email, string password)
    {
        var client = _app.Browser();
        var form = await client.GetStringAsync("/Account/Login", Ct);
        var before = _app.Hasher.Verifications;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = Html.FormToken(form),
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (_app.Hasher.Verifications - before, page.QuerySelector(".error-summary, [role=alert]")?.TextContent.Trim() ?? "");
    }

    [Fact]
    public async Task An_unknown_address_a_wrong_password_and_a_locked_account_cost_one_password_check_and_read_alike()
    {
        await _app.RegisterAsync("known@example.com");

        var unknown = await FailAsync("nobody@example.com", "a wrong password");
        var wrong = await FailAsync("known@example.com", "a wrong password");
        Assert.Equal(1, unknown.Checks);
        Assert.Equal(1, wrong.Checks);
        Assert.Equal(unknown.Page, wrong.Page);
        Assert.Contains(LoginModel.Failed, unknown.Page, StringComparison.Ordinal);

        for (var i = 0; i < 5; i++)
        {
            await FailAsync("known@example.com", "wrong again " + i);
        }

        var locked = await FailAsync("known@example.com", Readers.Password);
        var unknownAgain = await FailAsync("nobody@example.com", Readers.Password);
        Assert.Equal(1, locked.Checks);
        Assert.Equal(unknownAgain.Page, locked.Page);
    }
}

/// <summary>Passwords: at least 8 characters, long pass phrases welcome, the 10,000 most common refused.</summary>
public sealed class PasswordRuleTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private async Task<HttpResponseMessage> RegisterAsync(string email, string password)
    {
        var client = _app.Browser();
        var form = await client.GetStringAsync("/Account/Register", Ct);
        return await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = Html.FormToken(form),
        }), Ct);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    [InlineData("PASSWORD1")]
    [InlineData("iloveyou")]
    [InlineData("sunshine")]
    public async Task A_commonly_used_password_is_refused_with_the_reason(string password)
    {
        var response = await RegisterAsync($"{Guid.NewGuid():N}@example.com", password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("10,000 most common", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_pass_phrase_is_welcome_and_an_absurdly_long_one_is_refused()
    {
        var phrase = string.Join(' ', Enumerable.Repeat("correct horse battery staple", 20));
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync("phrase@example.com", phrase)).StatusCode);

        var endless = await RegisterAsync("endless@example.com", new string('x', 5000));
        Assert.Equal(HttpStatusCode.OK, endless.StatusCode);
        Assert.Contains("at most 1,024 characters", await endless.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_list_holds_the_usual_suspects_whatever_their_case()
    {
        Assert.True(CommonPasswords.Contains("qwerty"));
        Assert.True(CommonPasswords.Contains("Dragon"));
        Assert.False(CommonPasswords.Contains("correct horse battery staple"));
    }
}
