using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsReader.Tests.Infrastructure;

/// <summary>Signs readers up through the real pages and calls the API the way the page script does.</summary>
public static class Readers
{
    public const string Password = "correct horse battery staple";

    public static async Task<HttpClient> RegisterAsync(this TestApp app, string email)
    {
        var client = app.Browser();
        var ct = TestContext.Current.CancellationToken;
        var page = await client.GetStringAsync("/Account/Register", ct);
        var response = await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
            ["__RequestVerificationToken"] = Html.FormToken(page),
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await client.UseApiTokenAsync();
        return client;
    }

    /// <summary>Reads the token from a page's csrf-token meta and sends it on every request, like reader.js.</summary>
    public static async Task UseApiTokenAsync(this HttpClient client, string page = "/")
    {
        var document = await client.GetDocumentAsync(page);
        var token = document.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content")
            ?? throw new InvalidOperationException("No csrf-token meta: not signed in?");
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", token);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.PatchAsJsonAsync(url, body, TestContext.Current.CancellationToken);
}
