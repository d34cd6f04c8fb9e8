using System.Net;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Web;

/// <summary>What a client or a busy database caused is answered for what it is: never a 500, and problem details under /api.</summary>
public sealed class ErrorResponseTests : IAsyncLifetime
{
    private readonly FaultyApp _app = new();
    private string _slug = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The app with article-note writes that can be made to fail: a stand-in for any bug behind an API handler.</summary>
    private sealed class FaultyApp : TestApp
    {
        public FailingNoteWrites Faults { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureAppDb(o => o.AddInterceptors(Faults)));
        }
    }

    private sealed class FailingNoteWrites : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public bool Fail { get; set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Fail && command.CommandText.Contains("ArticleNotes", StringComparison.Ordinal)
                ? throw new InvalidOperationException("a bug")
                : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);

        // PostgreSQL's inserts and updates read back generated values (RETURNING): a reader.
        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default) =>
            Fail && command.CommandText.Contains("ArticleNotes", StringComparison.Ordinal) && !command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.Ordinal)
                ? throw new InvalidOperationException("a bug")
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public async ValueTask InitializeAsync() => _slug = (await _app.ImportFixtureAsync("wire-basic.txt")).Slug!;

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_problem_details()
    {
        // A real server: the in-memory test host has no request size limits.
        using var app = new TestApp();
        app.UseKestrel(0);
        app.StartServer();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        using var reader = await RealServer.RegisterAsync(app, "large@example.com");
        foreach (var megabytes in new[] { 2, 31 })
        {
            var huge = new string('x', megabytes * 1024 * 1024);
            // Expect: 100-continue, as curl sends for large bodies: the server answers before the body is sent.
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{slug}/highlights")
            {
                Content = new StringContent($"{{\"note\":\"{huge}\"}}", Encoding.UTF8, "application/json"),
            };
            request.Headers.ExpectContinue = true;
            var response = await reader.SendAsync(request, Ct);
            await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        }
    }

    [Fact]
    public async Task A_wrong_content_type_is_415_and_a_malformed_id_404_both_problem_details()
    {
        var reader = await _app.RegisterAsync("types@example.com");
        using var form = new StringContent("color=blue", Encoding.UTF8, "application/x-www-form-urlencoded");
        await ProblemAsync(await reader.PostAsync($"/api/articles/{_slug}/highlights", form, Ct), HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(await reader.GetAsync("/api/highlights/not-a-guid", Ct), HttpStatusCode.NotFound);
        await ProblemAsync(await reader.PatchJsonAsync("/api/highlights/not-a-guid", new { color = "blue" }), HttpStatusCode.NotFound);
        await ProblemAsync(await reader.GetAsync("/api/no-such-thing", Ct), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/API")]                                       // routes match any case: so does "is this the API"
    public async Task An_unhandled_exception_under_api_is_500_problem_details_with_a_trace_id(string api)
    {
        var reader = await _app.RegisterAsync("bug@example.com");
        _app.Faults.Fail = true;
        try
        {
            var response = await reader.PutAsJsonAsync($"{api}/articles/{_slug}/note", new { note = "hello" }, Ct);
            var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
            Assert.DoesNotContain("a bug", problem.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            _app.Faults.Fail = false;
        }
    }

    [Fact]
    public async Task A_write_that_cannot_get_the_lock_is_503_with_retry_after_not_500()
    {
        using var app = new TestApp();
        app.Settings["ConnectionStrings:NewsReader"] = app.WithWriteTimeout(1);
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("locked@example.com");
        var visitor = app.Browser();
        var signUp = await visitor.GetStringAsync("/Account/Register", Ct);

        // Another process holds the write lock (a long transaction) for longer than a write waits.
        await using (var other = await OutsideConnection.OpenAsync(app))
        {
            await other.HoldWritesAsync("ArticleNotes", "AspNetUsers");

            var api = await reader.PutAsJsonAsync($"/api/articles/{slug}/note", new { note = "waits" }, Ct);
            var problem = await ProblemAsync(api, HttpStatusCode.ServiceUnavailable);
            Assert.True(api.Headers.RetryAfter is not null, "503 says when to retry");
            Assert.Contains("busy", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

            var page = await visitor.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "newcomer@example.com",
                ["Input.Password"] = Readers.Password,
                ["Input.ConfirmPassword"] = Readers.Password,
                ["__RequestVerificationToken"] = Html.FormToken(signUp),
            }), Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("busy", await page.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);

            await other.ReleaseAsync();
        }

        // Once the lock is free the same write goes through.
        await reader.SaveArticleNoteAsync(slug, "went through");
    }

    [Fact]
    public async Task No_response_names_the_server_software()
    {
        using var app = new TestApp();
        app.UseKestrel(0);
        app.StartServer();
        using var client = new HttpClient();
        var response = await client.GetAsync(RealServer.Address(app) + "/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(",", response.Headers.Select(h => h.Key)));
    }
}
