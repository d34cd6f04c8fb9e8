using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

public sealed class ImportPageTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Action<MultipartFormDataContent> fill)
    {
        client.DefaultRequestHeaders.Remove("RequestVerificationToken");
        var page = await client.GetStringAsync("/import", Ct);
        using var form = new MultipartFormDataContent { { new StringContent(Html.FormToken(page)), "__RequestVerificationToken" } };
        fill(form);
        return await client.PostAsync("/import", form, Ct);
    }

    private static void AddFile(MultipartFormDataContent form, string fixture, string? name = null)
    {
        var file = new ByteArrayContent(File.ReadAllBytes(Paths.Fixture(fixture)));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "files", name ?? fixture);
    }

    [Fact]
    public async Task Only_administrators_reach_the_import_page()
    {
        var anonymous = await _app.Browser().GetAsync("/import", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        await _app.RegisterAsync("admin@example.com");
        var reader = await _app.RegisterAsync("reader@example.com");
        var denied = await reader.GetAsync("/import", Ct);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/Denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_import_each_file_and_report_bad_ones_while_keeping_the_rest()
    {
        var admin = await _app.RegisterAsync("admin@example.com");
        var response = await PostAsync(admin, form =>
        {
            AddFile(form, "wire-basic.txt");
            AddFile(form, "markdown-frontmatter.md");
            AddFile(form, "binary.txt");
            AddFile(form, "empty.txt");
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Ct));
        var results = page.QuerySelectorAll(".import-results li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(results, r => r.StartsWith("Created:", StringComparison.Ordinal) && r.Contains("Night trains return to the Alps", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Contains("binary.txt: binary file", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Contains("empty.txt: empty file", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector(".import-results a[href='/articles/night-trains-return-to-the-alps']"));
        Assert.Equal(2, await _app.WithDbAsync(db => db.Articles.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_markdown_file_nested_too_deeply_is_named_and_the_others_are_imported()
    {
        var admin = await _app.RegisterAsync("admin@example.com");
        var response = await PostAsync(admin, form =>
        {
            AddFile(form, "wire-basic.txt");
            form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("# Deep\n\n" + new string('>', 5000) + " x")), "files", "deep.md");
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var results = Html.Parse(await response.Content.ReadAsStringAsync(Ct)).QuerySelectorAll(".import-results li").Select(li => li.TextContent).ToList();
        Assert.Contains(results, r => r.Contains("deep.md", StringComparison.Ordinal) && r.Contains("nested too deeply", StringComparison.Ordinal));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Articles.CountAsync(Ct)));
    }

    [Fact]
    public async Task Pasted_text_is_imported_and_pasting_again_under_the_same_name_updates_it()
    {
        var admin = await _app.RegisterAsync("admin@example.com");
        var first = await PostAsync(admin, form =>
        {
            form.Add(new StringContent("Pasted headline\n\nA first paragraph."), "PastedText");
            form.Add(new StringContent("my-paste"), "PastedName");
            form.Add(new StringContent("WireText"), "PastedFormat");
        });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Created:", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var second = await PostAsync(admin, form =>
        {
            form.Add(new StringContent("Pasted headline\n\nA first paragraph, corrected."), "PastedText");
            form.Add(new StringContent("my-paste"), "PastedName");
            form.Add(new StringContent("WireText"), "PastedFormat");
        });
        Assert.Contains("Updated:", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Articles.CountAsync(Ct)));
        Assert.Equal(2, await _app.WithDbAsync(db => db.ArticleRevisions.CountAsync(Ct)));
    }

    [Fact]
    public async Task Visitors_who_are_not_signed_in_see_a_web_import_at_once_despite_the_page_cache()
    {
        var admin = await _app.RegisterAsync("admin@example.com");
        async Task PasteAsync(string text) => Assert.Equal(HttpStatusCode.OK, (await PostAsync(admin, form =>
        {
            form.Add(new StringContent(text), "PastedText");
            form.Add(new StringContent("ferry-news"), "PastedName");
            form.Add(new StringContent("WireText"), "PastedFormat");
        })).StatusCode);

        await PasteAsync("Ferry timetable changes\n\nThe early ferry leaves at six.");
        var visitor = _app.Browser();
        var slug = await _app.WithDbAsync(db => db.Articles.Select(a => a.Slug).SingleAsync(Ct));
        for (var i = 0; i < 2; i++)
        {
            Assert.Contains("leaves at six", await visitor.GetStringAsync($"/articles/{slug}", Ct), StringComparison.Ordinal);
            Assert.Contains("Ferry timetable changes", await visitor.GetStringAsync("/", Ct), StringComparison.Ordinal);
        }

        await PasteAsync("Ferry timetable changes\n\nThe early ferry leaves at seven.");
        var article = await visitor.GetStringAsync($"/articles/{slug}", Ct);
        Assert.Contains("leaves at seven", article, StringComparison.Ordinal);
        Assert.DoesNotContain("leaves at six", article, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_submission_says_what_to_do()
    {
        var admin = await _app.RegisterAsync("admin@example.com");
        var response = await PostAsync(admin, _ => { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("choose one or more files, or paste an article", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
