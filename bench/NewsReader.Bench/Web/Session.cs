using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsReader.Bench.Cli;

namespace NewsReader.Bench.Web;

/// <summary>
/// A signed-in reader as wrk and the bench's own requests use it: the cookie header (sign-in and
/// antiforgery cookies) and the API token the page's <c>&lt;meta name="csrf-token"&gt;</c> carries.
/// </summary>
public sealed partial record Session(string BaseUrl, string Cookie, string Token)
{
    public const string TokenHeader = "RequestVerificationToken";

    public static Session Load(string path) => JsonSerializer.Deserialize<Session>(File.ReadAllText(path))!;

    /// <summary>A client that sends this reader's cookies and API token and follows no redirects.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(BaseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };
        client.DefaultRequestHeaders.Add("Cookie", Cookie);
        client.DefaultRequestHeaders.Add(TokenHeader, Token);
        return client;
    }

    /// <summary>
    /// <c>session --url URL --email EMAIL --password P --out FILE</c>: registers the reader through
    /// the real pages (or signs in, when the account exists) and saves the session for the other commands.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var url = options.Required("url").TrimEnd('/');
        var email = options.Required("email");
        var password = options.Required("password");
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };

        if (!await PostFormAsync(client, "/Account/Register", new() { ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password })
            && !await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password }))
        {
            throw new InvalidOperationException($"could neither register nor sign in {email}");
        }

        var home = await client.GetStringAsync("/");
        var token = CsrfMeta().Match(home) is { Success: true } meta
            ? WebUtility.HtmlDecode(meta.Groups[1].Value)
            : throw new InvalidOperationException("signed in, but the page has no csrf-token meta");
        var session = new Session(url, cookies.GetCookieHeader(new Uri(url)), token);
        await File.WriteAllTextAsync(options.Required("out"), JsonSerializer.Serialize(session));
        Console.WriteLine($"session: {email} signed in");
        return 0;
    }

    /// <summary>Posts a form with the antiforgery token its page carries; true when the app redirects (success).</summary>
    private static async Task<bool> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = FormToken().Match(page) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery token on {path}");
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfMeta();
}
