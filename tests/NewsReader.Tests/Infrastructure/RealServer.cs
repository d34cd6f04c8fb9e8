using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace NewsReader.Tests.Infrastructure;

/// <summary>The app on a real Kestrel port (<c>UseKestrel</c>), for what the in-memory host does not do: request size limits, headers Kestrel writes.</summary>
public static class RealServer
{
    public static string Address(TestApp app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

    /// <summary>A reader registered through the real server, with cookies and the API token, like <see cref="Readers.RegisterAsync"/>.</summary>
    public static async Task<HttpClient> RegisterAsync(TestApp app, string email)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(Address(app)),
        };
        var ct = TestContext.Current.CancellationToken;
        var page = await client.GetStringAsync("/Account/Register", ct);
        var response = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Readers.Password,
            ["Input.ConfirmPassword"] = Readers.Password,
            ["__RequestVerificationToken"] = Html.FormToken(page),
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await client.UseApiTokenAsync();
        return client;
    }
}
