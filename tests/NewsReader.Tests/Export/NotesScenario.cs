using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Export;

/// <summary>
/// The acceptance scenario: one reader's notes across three articles, with overlapping,
/// cross-paragraph, right-to-left and emoji highlights, tags, colour meanings, an article note
/// and an orphan (its paragraph removed by an update of the article); and a second reader
/// whose notes must never show up in the first one's.
/// </summary>
public class NotesScenario : TestApp, IAsyncLifetime
{
    public const string ReaderEmail = "reader@example.com";
    public const string OtherEmail = "other@example.com";
    public const string OrphanQuote = "We did not expect to be here,";
    public const string OtherReadersNote = "Another reader's private note";
    public const string HostileNote = "Look <img src=x onerror=alert(1)> here\n\n```\nan unclosed fence";
    public const string ArticleNote = "Whole-article **note**: worth rereading.";

    private const string RemovedParagraph = "\"We did not expect to be here,\" chief executive Ingrid Solberg told reporters in Oslo. "
        + "\"But the water is simply not there, and we cannot ask households to pay for our optimism.\"\n\n";

    public HttpClient Reader { get; private set; } = null!;

    public HttpClient Other { get; private set; } = null!;

    public string Wire { get; private set; } = "";

    public string Rtl { get; private set; } = "";

    public string Markdown { get; private set; } = "";

    /// <summary>The reader's highlights by a short name (h1…h11).</summary>
    public Dictionary<string, Guid> Ids { get; } = [];

    public static int HighlightCount => 11;

    public virtual async ValueTask InitializeAsync()
    {
        await ImportArticlesAsync(this, updated: false);
        Wire = await SlugAsync("wire-basic.txt");
        Rtl = await SlugAsync("wire-rtl-emoji.txt");
        Markdown = await SlugAsync("markdown-frontmatter.md");

        Reader = await this.RegisterAsync(ReaderEmail);
        await Reader.SaveColorLabelAsync("yellow", "key claim");
        await Reader.SaveColorLabelAsync("blue", "context, \"background\"");

        await Add("h1", Wire, "Norway's largest grid operator", "yellow",
            "**Key** point: see [the regulator](https://example.com/reg)", ["energy", "Norway"]);
        await Add("h2", Wire, "grid operator said on Sunday it would delay", "green", tags: ["prices"]);
        await Add("h3", Wire, "raising fears of higher power prices across the region.\n\nThe decision reverses a plan", "blue",
            "Line one, with \"quotes\"\nline two, and a comma");
        await Add("h4", Wire, OrphanQuote, "pink", "Orphan note, kept");
        await Add("h5", Rtl, "tickets sold out in 40 minutes 🎉, a record", "yellow");
        await Add("h6", Rtl, "«الشعر يجمع ما تفرقه السياسة» 📚", "green", "ملاحظة بالعربية 📚", ["شعر"]);
        await Add("h7", Rtl, "אמר המשורר דוד לוי", "blue");
        await Add("h8", Rtl, "Tickets for the extra night", "pink", tags: ["dates"]);
        await Add("h9", Markdown, "code keeps   its spacing\nand lines", "yellow", tags: ["code"]);
        await Add("h10", Markdown, "demand from travellers avoiding short flights", "pink");
        await Add("h11", Markdown, "carrying 300 passengers", "green", HostileNote);
        await Reader.SaveArticleNoteAsync(Markdown, ArticleNote);

        Other = await this.RegisterAsync(OtherEmail);
        await Other.HighlightAsync(this, Wire, "the energy regulator on Friday", "yellow", OtherReadersNote);

        // The article is updated and the paragraph with h4 is gone: h4 becomes an orphan.
        await ImportArticlesAsync(this, updated: true);
    }

    /// <summary>Imports the three articles into <paramref name="app"/>, as first imported or as they are after the update.</summary>
    public static async Task ImportArticlesAsync(TestApp app, bool updated)
    {
        if (updated)
        {
            var wire = await File.ReadAllTextAsync(Paths.Fixture("wire-basic.txt"));
            Assert.Contains(RemovedParagraph, wire);
            await app.ImportAsync("wire-basic.txt", wire.Replace(RemovedParagraph, "", StringComparison.Ordinal));
            return;
        }

        await app.ImportFixtureAsync("wire-basic.txt");
        await app.ImportFixtureAsync("wire-rtl-emoji.txt");
        await app.ImportFixtureAsync("markdown-frontmatter.md");
    }

    public Task<string> SlugAsync(string sourceName) =>
        WithDbAsync(db => Task.FromResult(db.Articles.Where(a => a.SourceName == sourceName).Select(a => a.Slug).Single()));

    private async Task Add(string name, string slug, string exact, string color, string? note = null, string[]? tags = null)
    {
        var created = await Reader.HighlightAsync(this, slug, exact, color, note, tags);
        Ids[name] = created.GetProperty("id").GetGuid();
    }
}
