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

/// <summary>Deeply nested Markdown in files: the file is named and refused, the others go on.</summary>
public sealed class DeepMarkdownFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("newsreader-deep-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_cli_import_names_the_deep_file_imports_the_others_and_exits_1()
    {
        var input = Path.Combine(_folder, "in");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "deep.md"), "# Deep\n\n" + new string('>', 5000) + " x", Ct);
        await File.WriteAllTextAsync(Path.Combine(input, "brackets.md"), "# Brackets\n\n" + new string('[', 100_000), Ct);
        File.Copy(Paths.Fixture("wire-basic.txt"), Path.Combine(input, "wire-basic.txt"));
        File.Copy(Paths.Fixture("markdown-frontmatter.md"), Path.Combine(input, "markdown-frontmatter.md"));

        var run = await AppProcess.RunAsync(Path.Combine(_folder, "cli.db"), "import", input);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("deep.md: Markdown nested too deeply", run.Errors, StringComparison.Ordinal);
        Assert.Contains("brackets.md: Markdown nested too deeply", run.Errors, StringComparison.Ordinal);
        Assert.Contains("2 created", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_with_a_deep_note_is_refused_naming_the_annotation_on_the_web_and_in_the_cli()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("deep-restore@example.com");
        var json = (await AnnotationFiles.ManyHighlightsAsync(app, slug, 3)).Replace("\"note 1\"", "\"" + new string('>', 5000) + "\"", StringComparison.Ordinal);

        var form = await reader.GetStringAsync("/import/annotations", Ct);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Html.FormToken(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json)), "file", "notes.jsonld" },
        };
        var web = await reader.PostAsync("/import/annotations", content, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, web.StatusCode);
        var page = Html.Parse(await web.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Annotation 2", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("nested too deeply", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Highlights, Ct)));

        var file = Path.Combine(_folder, "deep.jsonld");
        await File.WriteAllTextAsync(file, json, Ct);
        var db = Path.Combine(_folder, "cli.db");
        Assert.Equal(0, (await AppProcess.RunAsync(db, "import", Paths.Fixture("wire-basic.txt"))).ExitCode);
        Assert.Equal(0, (await AppProcess.RunAsync(db, "users", "add-admin", "deep-restore@example.com")).ExitCode);
        var cli = await AppProcess.RunAsync(db, "import-annotations", "--user", "deep-restore@example.com", file);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("nested too deeply", cli.Errors, StringComparison.Ordinal);
    }
}
