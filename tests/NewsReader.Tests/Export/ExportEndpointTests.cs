using System.Net;
using System.Text.Json;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NewsReader.Tests.Export;

/// <summary>The acceptance checks on <c>/export</c>: complete, own data only, orphans marked, positions in code points, W3C-valid.</summary>
public sealed class ExportEndpointTests(ExportEndpointTests.App app) : IClassFixture<ExportEndpointTests.App>
{
    public sealed class App : NotesScenario;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<string>> AllQuotesAsync() => app.WithDbAsync(db => Task.FromResult(db.Highlights
        .Where(h => db.Users.Any(u => u.Id == h.UserId && u.Email == NotesScenario.ReaderEmail))
        .Select(h => h.Exact).ToList().Order(StringComparer.Ordinal).ToList()));

    [Theory]
    [InlineData("/export?format=md")]
    [InlineData("/export?format=jsonld")]
    [InlineData("/export?format=csv&article=night-trains-return-to-the-alps")]
    public async Task Visitors_are_sent_to_sign_in_and_back(string url)
    {
        var response = await app.Browser().GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(url)}", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task An_unknown_format_is_a_bad_request_and_an_unknown_article_not_found()
    {
        var badFormat = await app.Reader.GetAsync("/export?format=docx", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("md, jsonld or csv", await badFormat.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var missing = await app.Reader.GetAsync("/export?format=md&article=no-such-article", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("md", "text/markdown", ".md")]
    [InlineData("jsonld", "application/ld+json", ".jsonld")]
    [InlineData("csv", "text/csv", ".csv")]
    public async Task Exports_are_private_downloads_with_sensible_names(string format, string contentType, string extension)
    {
        var all = await app.Reader.GetAsync($"/export?format={format}", Ct);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(contentType, all.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", all.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches($"^newsreader-notes-\\d{{4}}-\\d{{2}}-\\d{{2}}\\{extension}$", all.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("no-store", all.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        var one = await app.Reader.GetAsync($"/export?format={format}&article={app.Markdown}", Ct);
        Assert.Equal($"{app.Markdown}-notes{extension}", one.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Markdown_holds_every_highlight_with_its_link_and_marks_the_orphan()
    {
        var markdown = await app.Reader.GetStringAsync("/export?format=md", Ct);
        var document = Markdown.Parse(markdown);

        Assert.Equal(await AllQuotesAsync(), document.Descendants<QuoteBlock>().Select(MarkdownExportTests.PlainText).Order(StringComparer.Ordinal));
        var links = document.Descendants<LinkInline>().Select(l => l.Url).ToList();
        foreach (var (name, id) in app.Ids)
        {
            Assert.Contains(links, l => l!.EndsWith($"#h-{id}", StringComparison.Ordinal));
        }

        Assert.Contains($"http://localhost/articles/{app.Wire}#h-{app.Ids["h1"]}", links);
        Assert.Contains("Orphaned", markdown, StringComparison.Ordinal);
        Assert.Contains(NotesScenario.ArticleNote, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(NotesScenario.OtherReadersNote, markdown, StringComparison.Ordinal);
        Assert.Equal(3, document.Descendants<HeadingBlock>().Count(h => h.Level == 2));
    }

    [Fact]
    public async Task Csv_holds_one_row_per_highlight_and_marks_the_orphan()
    {
        var rows = Rfc4180.Parse(await app.Reader.GetStringAsync("/export?format=csv", Ct));

        Assert.Equal("Highlight,Title,Author,URL,Note,Location,Date,Color,Tags,Document tags", string.Join(',', rows[0]));
        Assert.Equal(await AllQuotesAsync(), rows.Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.Equal("orphaned", Assert.Single(rows, r => r[0] == NotesScenario.OrphanQuote)[5]);
        var crossParagraph = Assert.Single(rows, r => r[0].StartsWith("raising fears", StringComparison.Ordinal));
        Assert.Equal(("Line one, with \"quotes\"\nline two, and a comma", "blue (context, \"background\")"), (crossParagraph[4], crossParagraph[7]));
        Assert.DoesNotContain(rows, r => r[4] == NotesScenario.OtherReadersNote);
    }

    [Fact]
    public async Task Json_ld_offsets_slice_the_plain_text_to_each_quote_and_pass_the_w3c_schemas()
    {
        var json = await app.Reader.GetStringAsync("/export?format=jsonld", Ct);
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement.GetProperty("first").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(NotesScenario.HighlightCount + 1, items.Count);
        Assert.Equal(items.Count, document.RootElement.GetProperty("total").GetInt32());

        var texts = new Dictionary<string, string>();
        var placed = 0;
        foreach (var item in items.Where(i => i.GetProperty("target").ValueKind == JsonValueKind.Object))
        {
            var target = item.GetProperty("target");
            var selectors = target.GetProperty("selector").EnumerateArray().ToList();
            var exact = selectors[0].GetProperty("exact").GetString()!;
            if (item.GetProperty("orphan").GetBoolean())
            {
                Assert.Equal(NotesScenario.OrphanQuote, exact);
                Assert.Single(selectors);
                continue;
            }

            var source = target.GetProperty("source").GetString()!;
            if (!texts.TryGetValue(source, out var text))
            {
                text = texts[source] = await app.Reader.GetStringAsync(new Uri(source).AbsolutePath + ".txt", Ct);
            }

            var position = selectors[1];
            Assert.Equal(exact, JsonLdExportTests.SliceCodePoints(text, position.GetProperty("start").GetInt32(), position.GetProperty("end").GetInt32()));
            placed++;
        }

        Assert.Equal(NotesScenario.HighlightCount - 1, placed);
        Assert.DoesNotContain(NotesScenario.OtherReadersNote, json, StringComparison.Ordinal);
        await W3cValidator.AssertValidAsync(json);
    }

    [Fact]
    public async Task The_schemas_really_run_a_bad_document_fails_them()
    {
        var (exitCode, output) = await W3cValidator.RunAsync("""{"@context": "http://www.w3.org/ns/oa.jsonld", "type": "Annotation", "target": "http://x.org/"}""");
        Assert.True(exitCode == 1, output);
    }

    [Fact]
    public async Task An_article_export_holds_only_that_article()
    {
        var rows = Rfc4180.Parse(await app.Reader.GetStringAsync($"/export?format=csv&article={app.Rtl}", Ct));
        Assert.Equal(5, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal($"http://localhost/articles/{app.Rtl}", r[3]));

        var json = await app.Reader.GetStringAsync($"/export?format=jsonld&article={app.Markdown}", Ct);
        await W3cValidator.AssertValidAsync(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(4, document.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Another_reader_sees_only_their_own_notes()
    {
        var rows = Rfc4180.Parse(await app.Other.GetStringAsync("/export?format=csv", Ct));
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(NotesScenario.OtherReadersNote, row[4]);
    }
}
