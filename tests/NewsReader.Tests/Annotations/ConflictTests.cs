using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Annotations;

/// <summary>Two clients on one note: a stale edit is seen (412), never silently lost; races answer 2xx/404/409/412, never 500.</summary>
public sealed class ConflictTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private string _slug = "";
    private HttpClient _reader = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _slug = (await _app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        _reader = await _app.RegisterAsync("two-tabs@example.com");
    }

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_highlight_carries_an_etag_and_a_stale_if_match_is_412_with_the_current_version()
    {
        var created = await _reader.HighlightAsync(_app, _slug, "dry winter");
        var url = $"/api/highlights/{created.GetProperty("id").GetString()}";
        var get = await _reader.GetAsync(url, Ct);
        var etag = get.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);

        var first = await SendAsync(_reader, HttpMethod.Patch, url, new { note = "tab A" }, etag);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);

        var stale = await SendAsync(_reader, HttpMethod.Patch, url, new { note = "tab B" }, etag);
        var problem = await stale.JsonAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("tab A", problem.GetProperty("current").GetProperty("note").GetString());
        Assert.Equal(2, problem.GetProperty("current").GetProperty("version").GetInt32());

        // The client chooses to keep its edit: again, over the version it has now seen.
        var kept = await SendAsync(_reader, HttpMethod.Patch, url, new { note = "tab B" }, "\"2\"");
        Assert.Equal("tab B", (await kept.JsonAsync(HttpStatusCode.OK)).GetProperty("note").GetString());

        // Without If-Match the last write wins (documented).
        var blind = await SendAsync(_reader, HttpMethod.Patch, url, new { note = "no precondition" });
        Assert.Equal(4, (await blind.JsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(_reader, HttpMethod.Patch, url, new { note = "x" }, "not-an-etag")).StatusCode);
    }

    [Fact]
    public async Task The_article_note_carries_an_etag_and_a_stale_if_match_is_412()
    {
        var url = $"/api/articles/{_slug}/note";
        var none = await _reader.GetAsync(url, Ct);
        Assert.Equal("\"0\"", none.Headers.ETag!.Tag);

        var first = await SendAsync(_reader, HttpMethod.Put, url, new { note = "first" }, "\"0\"");
        Assert.Equal("\"1\"", first.Headers.ETag!.Tag);
        var again = await SendAsync(_reader, HttpMethod.Put, url, new { note = "also first" }, "\"0\"");
        var problem = await again.JsonAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("first", problem.GetProperty("current").GetProperty("note").GetString());

        var second = await SendAsync(_reader, HttpMethod.Put, url, new { note = "second" }, "\"1\"");
        Assert.Equal(2, (await second.JsonAsync(HttpStatusCode.OK)).GetProperty("version").GetInt32());
    }

    /// <summary>Runs two requests at the same moment, 30 times, and collects their statuses.</summary>
    private static async Task<List<HttpStatusCode>> RaceAsync(int rounds, Func<int, Task<(Func<Task<HttpResponseMessage>> A, Func<Task<HttpResponseMessage>> B)>> setUp)
    {
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < rounds; round++)
        {
            var (a, b) = await setUp(round);
            using var barrier = new Barrier(2);
            var first = Task.Run(async () => { barrier.SignalAndWait(Ct); return await a(); }, Ct);
            var second = Task.Run(async () => { barrier.SignalAndWait(Ct); return await b(); }, Ct);
            statuses.AddRange((await Task.WhenAll(first, second)).Select(r => r.StatusCode));
        }

        return statuses;
    }

    [Fact]
    public async Task Racing_patch_and_delete_answer_200_204_or_404_never_500()
    {
        var statuses = await RaceAsync(30, async round =>
        {
            var id = (await _reader.HighlightAsync(_app, _slug, "dry winter", note: $"round {round}")).GetProperty("id").GetString();
            return (() => _reader.PatchJsonAsync($"/api/highlights/{id}", new { note = "edited", tags = new[] { "t" } }),
                () => _reader.DeleteAsync($"/api/highlights/{id}", Ct));
        });
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound }));
    }

    [Fact]
    public async Task Two_clients_adding_the_same_new_tag_both_succeed_and_the_tag_is_there_once()
    {
        var statuses = await RaceAsync(30, async round =>
        {
            var id = (await _reader.HighlightAsync(_app, _slug, "higher power prices")).GetProperty("id").GetString();
            return (() => _reader.PatchJsonAsync($"/api/highlights/{id}", new { tags = new[] { $"new-{round}" } }),
                () => _reader.PatchJsonAsync($"/api/highlights/{id}", new { tags = new[] { $"new-{round}" } }));
        });
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var tags = await _app.WithDbAsync(db => db.HighlightTags.Where(t => t.Name.StartsWith("new-")).CountAsync(Ct));
        Assert.Equal(30, tags);
    }

    [Fact]
    public async Task Two_clients_writing_the_first_article_note_at_once_both_get_200()
    {
        var statuses = await RaceAsync(30, async round =>
        {
            var slug = (await _app.ImportAsync($"race-{round}.txt", $"Article {round}\n\nA paragraph about round {round}.")).Slug!;
            return (() => _reader.PutAsJsonAsync($"/api/articles/{slug}/note", new { note = "from tab A" }, Ct),
                () => _reader.PutAsJsonAsync($"/api/articles/{slug}/note", new { note = "from tab B" }, Ct));
        });
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(30, await _app.WithDbAsync(db => db.ArticleNotes.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_client_chosen_id_of_another_readers_highlight_answers_like_any_taken_id()
    {
        var other = await _app.RegisterAsync("someone-else@example.com");
        var theirs = (await other.HighlightAsync(_app, _slug, "dry winter", note: "private")).GetProperty("id").GetString()!;
        var mine = (await _reader.HighlightAsync(_app, _slug, "ten-year average")).GetProperty("id").GetString()!;

        async Task<string> CreateWithIdAsync(string id)
        {
            var text = await _app.ArticleTextAsync(_slug);
            var start = text.Text.IndexOf("Reservoir levels", StringComparison.Ordinal);
            var range = text.ToRange(start, start + "Reservoir levels".Length);
            var response = await _reader.PostJsonAsync($"/api/articles/{_slug}/highlights", new
            {
                id,
                start = new { anchor = range.Start.Anchor, offset = range.Start.Offset },
                end = new { anchor = range.End.Anchor, offset = range.End.Offset },
                exact = "Reservoir levels",
            });
            var problem = await response.JsonAsync(HttpStatusCode.Conflict);
            return $"{problem.GetProperty("title")}|{problem.GetProperty("detail")}";
        }

        Assert.Equal(await CreateWithIdAsync(mine), await CreateWithIdAsync(theirs));
    }

    [Theory]
    [InlineData("2999-01-01T00:00:00Z", "in the future")]
    [InlineData("1969-07-20T20:17:00Z", "before 1990")]
    public async Task A_created_date_in_the_future_or_before_1990_is_refused_naming_the_field(string createdAt, string problem)
    {
        var text = await _app.ArticleTextAsync(_slug);
        var start = text.Text.IndexOf("Reservoir levels", StringComparison.Ordinal);
        var range = text.ToRange(start, start + "Reservoir levels".Length);
        var response = await _reader.PostJsonAsync($"/api/articles/{_slug}/highlights", new
        {
            start = new { anchor = range.Start.Anchor, offset = range.Start.Offset },
            end = new { anchor = range.End.Anchor, offset = range.End.Offset },
            exact = "Reservoir levels",
            createdAt,
        });
        var errors = (await response.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains(problem, errors.GetProperty("createdAt")[0].GetString(), StringComparison.Ordinal);
    }
}
