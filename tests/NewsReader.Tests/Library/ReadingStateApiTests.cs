using System.Net;
using System.Text;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Library;

/// <summary><c>/api/articles/{slug}/state</c>: each reader's own read, archived, favourite and progress, and every way to ask wrongly.</summary>
public sealed class ReadingStateApiTests(ReadingStateApiTests.App app) : IClassFixture<ReadingStateApiTests.App>, IAsyncLifetime
{
    public sealed class App : TestApp;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string _slug = "";

    public async ValueTask InitializeAsync() => _slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string Url => $"/api/articles/{_slug}/state";

    private Task<HttpClient> ReaderAsync() => app.RegisterAsync($"state-{Guid.NewGuid():N}@example.com");

    private static (bool Read, bool Archived, bool Favorite, double Progress) Fields(System.Text.Json.JsonElement state) =>
        (state.GetProperty("read").GetBoolean(), state.GetProperty("archived").GetBoolean(),
            state.GetProperty("favorite").GetBoolean(), state.GetProperty("progress").GetDouble());

    private static async Task<HttpResponseMessage> PatchRawAsync(HttpClient client, string url, string json) =>
        await client.PatchAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    [Fact]
    public async Task A_new_article_is_unread_and_a_change_keeps_the_fields_it_leaves_out()
    {
        var reader = await ReaderAsync();
        var fresh = await (await reader.GetAsync(Url, Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((false, false, false, 0.0), Fields(fresh));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, fresh.GetProperty("updated").ValueKind);

        var favourite = await (await reader.PatchJsonAsync(Url, new { favorite = true, progress = 0.25 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((false, false, true, 0.25), Fields(favourite));
        Assert.True(favourite.GetProperty("updated").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));

        await (await reader.PatchJsonAsync(Url, new { read = true, archived = true })).JsonAsync(HttpStatusCode.OK);
        var now = await (await reader.GetAsync(Url, Ct)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((true, true, true, 0.25), Fields(now));

        var unread = await (await reader.PatchJsonAsync(Url, new { read = false, progress = 1 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((false, true, true, 1.0), Fields(unread));
    }

    [Fact]
    public async Task Each_reader_has_their_own_state_and_a_visitor_has_none()
    {
        var one = await ReaderAsync();
        var other = await ReaderAsync();
        await (await one.PatchJsonAsync(Url, new { read = true, favorite = true })).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((false, false, false, 0.0), Fields(await (await other.GetAsync(Url, Ct)).JsonAsync(HttpStatusCode.OK)));
        var visitor = app.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync(Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.PatchJsonAsync(Url, new { read = true })).StatusCode);
    }

    [Theory]
    [InlineData("""{"progress": 1.5}""", "progress")]
    [InlineData("""{"progress": -0.1}""", "progress")]
    [InlineData("""{"progress": "half"}""", "progress")]
    [InlineData("""{"read": "yes"}""", "read")]
    [InlineData("""{"archived": 1}""", "archived")]
    [InlineData("""{"favourite": true}""", "favourite")]
    [InlineData("""{"updated": "2026-01-01"}""", "updated")]
    public async Task A_wrong_value_or_field_is_400_naming_it_and_changes_nothing(string json, string field)
    {
        var reader = await ReaderAsync();
        await (await reader.PatchJsonAsync(Url, new { favorite = true, progress = 0.5 })).JsonAsync(HttpStatusCode.OK);

        var problem = await (await PatchRawAsync(reader, Url, json)).JsonAsync(HttpStatusCode.BadRequest);
        var named = problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(e => e.Name + " " + string.Join(" ", e.Value.EnumerateArray().Select(v => v.GetString())))
            : [problem.ToString()];
        Assert.Contains(named, text => text.Contains(field, StringComparison.Ordinal));
        Assert.Equal((false, false, true, 0.5), Fields(await (await reader.GetAsync(Url, Ct)).JsonAsync(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task An_unknown_article_is_404_and_a_change_without_the_antiforgery_token_is_refused()
    {
        var reader = await ReaderAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/articles/no-such-article/state", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PatchJsonAsync("/api/articles/no-such-article/state", new { read = true })).StatusCode);

        reader.DefaultRequestHeaders.Remove("RequestVerificationToken");
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.PatchJsonAsync(Url, new { read = true })).StatusCode);
        await reader.UseApiTokenAsync();
        Assert.Equal((false, false, false, 0.0), Fields(await (await reader.GetAsync(Url, Ct)).JsonAsync(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Two_first_changes_at_once_both_land_on_one_row()
    {
        var reader = await ReaderAsync();
        var changes = await Task.WhenAll(
            reader.PatchJsonAsync(Url, new { read = true }),
            reader.PatchJsonAsync(Url, new { favorite = true }),
            reader.PatchJsonAsync(Url, new { archived = true }));
        Assert.All(changes, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        Assert.Equal((true, true, true, 0.0), Fields(await (await reader.GetAsync(Url, Ct)).JsonAsync(HttpStatusCode.OK)));
    }

    [Fact]
    public async Task The_state_is_in_the_openapi_document()
    {
        var document = await (await app.Browser().GetAsync("/openapi/v1.json", Ct)).JsonAsync(HttpStatusCode.OK);
        var path = document.GetProperty("paths").GetProperty("/api/articles/{slug}/state");
        Assert.True(path.TryGetProperty("get", out _));
        Assert.True(path.TryGetProperty("patch", out _));
    }
}
