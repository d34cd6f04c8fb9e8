using System.Net;
using NewsReader.Accounts;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Accounts;

/// <summary>
/// The first account is the administrator: from another computer it needs the setup code the
/// server logs at its first start; from this machine, as before, it does not.
/// </summary>
public sealed class FirstAdministratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A real server behind a "proxy" on loopback that says which client it forwards.</summary>
    private static TestApp BehindProxy()
    {
        var app = new TestApp();
        app.Settings["NewsReader:KnownProxies:0"] = "127.0.0.1";
        app.Settings["NewsReader:KnownProxies:1"] = "::1";
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    private static async Task<HttpResponseMessage> RegisterFromAsync(TestApp app, string client, string email, string? setupCode)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(RealServer.Address(app)),
        };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        var page = await http.GetStringAsync("/Account/Register", Ct);
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Readers.Password,
            ["Input.ConfirmPassword"] = Readers.Password,
            ["__RequestVerificationToken"] = Html.FormToken(page),
        };
        if (setupCode is not null)
        {
            fields["Input.SetupCode"] = setupCode;
        }

        return await http.PostAsync("/Account/Register", new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task From_another_computer_the_first_account_needs_the_setup_code_and_later_ones_do_not()
    {
        using var app = BehindProxy();
        var code = await app.WithDbAsync(db => FirstAdministrator.SetupCodeAsync(db, Ct));
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);

        var withoutCode = await RegisterFromAsync(app, "203.0.113.7", "stranger@example.com", null);
        Assert.Equal(HttpStatusCode.OK, withoutCode.StatusCode);
        var page = Html.Parse(await withoutCode.Content.ReadAsStringAsync(Ct));
        Assert.NotNull(page.QuerySelector("input[name='Input.SetupCode']"));
        Assert.Contains("Enter the setup code", page.QuerySelector("#setup-code-error")!.TextContent, StringComparison.Ordinal);

        var wrongCode = await RegisterFromAsync(app, "203.0.113.7", "stranger@example.com", "AAAA-BBBB-CCCC");
        Assert.Contains("not the setup code", await wrongCode.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Users, Ct)));

        var admin = await RegisterFromAsync(app, "203.0.113.7", "owner@example.com", code!.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.Null(await app.WithDbAsync(db => FirstAdministrator.SetupCodeAsync(db, Ct)));

        var reader = await RegisterFromAsync(app, "198.51.100.4", "reader@example.com", null);
        Assert.Equal(HttpStatusCode.Redirect, reader.StatusCode);
    }

    [Fact]
    public async Task From_this_machine_the_first_account_registers_as_before()
    {
        using var app = new TestApp();
        app.UseKestrel(0);
        app.StartServer();
        using var reader = await RealServer.RegisterAsync(app, "local-admin@example.com");
        Assert.Contains("/import", await reader.GetStringAsync("/", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forwarded_address_from_a_proxy_nobody_configured_is_not_this_machine()
    {
        using var app = new TestApp();
        app.UseKestrel(0);
        app.StartServer();
        var response = await RegisterFromAsync(app, "203.0.113.9", "sneaky@example.com", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the setup code", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_prints_the_code_while_there_is_no_account()
    {
        var folder = Directory.CreateTempSubdirectory("newsreader-setup-").FullName;
        try
        {
            var db = Path.Combine(folder, "setup.db");
            var first = await AppProcess.RunAsync(db, "users", "setup-code");
            Assert.Equal(0, first.ExitCode);
            Assert.Matches("setup code for the first account: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", first.Output);
            Assert.Equal(first.Output, (await AppProcess.RunAsync(db, "users", "setup-code")).Output);

            Assert.Equal(0, (await AppProcess.RunAsync(db, "users", "add-admin", "cli-admin@example.com")).ExitCode);
            var after = await AppProcess.RunAsync(db, "users", "setup-code");
            Assert.Contains("no setup code is needed", after.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
