using System.Net;
using System.Net.Http.Json;
using NewsReader.Annotations;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Annotations;

/// <summary>Markdown nested hundreds of levels deep (Markdig refuses it) is bad input with its field named, never a 500.</summary>
public sealed class DeepMarkdownTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private string _slug = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Hostile => new()
    {
        new string('>', 5000) + " quoted",
        new string('[', 9000),
        string.Concat(Enumerable.Range(0, 95).Select(i => new string(' ', i * 2) + "- x\n")),
    };

    public async ValueTask InitializeAsync() => _slug = (await _app.ImportFixtureAsync("wire-basic.txt")).Slug!;

    public ValueTask DisposeAsync()
    {
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void The_renderer_names_the_problem_and_never_throws(string markdown)
    {
        Assert.Equal(NoteMarkdown.TooDeeplyNested, NoteMarkdown.Problem(markdown));
        var html = NoteMarkdown.ToHtml(markdown);
        Assert.StartsWith("<p>", html, StringComparison.Ordinal);
        Assert.Null(NoteMarkdown.Problem("> a *fine* note\n\n- with\n  - a list"));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Notes_and_article_notes_answer_400_naming_the_note(string markdown)
    {
        var reader = await _app.RegisterAsync($"deep-{Guid.NewGuid():N}@example.com");

        var create = await CreateAsync(reader, markdown);
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Contains("\"note\"", await create.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var highlight = await reader.HighlightAsync(_app, _slug, "dry winter");
        var patch = await reader.PatchJsonAsync($"/api/highlights/{highlight.GetProperty("id").GetString()}", new { note = markdown });
        Assert.Equal(HttpStatusCode.BadRequest, patch.StatusCode);
        Assert.Contains("nested too deeply", await patch.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var put = await reader.PutAsJsonAsync($"/api/articles/{_slug}/note", new { note = markdown }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("\"note\"", await put.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The form the page offers without JavaScript.
        var page = await reader.GetStringAsync($"/articles/{_slug}", Ct);
        var form = await reader.PostAsync($"/articles/{_slug}?handler=ArticleNote", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["note"] = markdown,
            ["__RequestVerificationToken"] = Html.FormToken(page),
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("nested too deeply", await form.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> CreateAsync(HttpClient reader, string note)
    {
        var text = await _app.ArticleTextAsync(_slug);
        var start = text.Text.IndexOf("two hydro plants", StringComparison.Ordinal);
        var range = text.ToRange(start, start + "two hydro plants".Length);
        return await reader.PostJsonAsync($"/api/articles/{_slug}/highlights", new
        {
            start = new { anchor = range.Start.Anchor, offset = range.Start.Offset },
            end = new { anchor = range.End.Anchor, offset = range.End.Offset },
            exact = "two hydro plants",
            note,
        });
    }
}
