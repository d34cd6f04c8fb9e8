using NewsReader.Tests.Infrastructure;

namespace NewsReader.BrowserTests;

/// <summary>
/// The browser tests run on SQLite; this one runs the reader's main path on PostgreSQL (the
/// integration tests cover the rest there): register, read, highlight with a note through the
/// selection toolbar, reload, and find the note with the header's search box.
/// </summary>
public sealed class PostgresSmokeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_reader_highlights_and_finds_their_note_on_postgres()
    {
        var database = TestPostgres.NewDatabase();
        try
        {
            await using var app = new TestApp();
            app.Settings["NewsReader:Database:Provider"] = "Postgres";
            app.Settings["ConnectionStrings:NewsReader"] = database;
            var root = BrowserFixture.Serve(app);
            var path = (await app.ImportFixtureAsync("wire-basic.txt")).Path!;

            var page = await SignedInPageAsync(root: root);
            await page.GotoAsync(root + path);
            await SelectAsync(page, "a dry winter left reservoirs");
            await Toolbar(page).GetByRole(AriaRole.Button, new() { Name = "Highlight", Exact = true }).ClickAsync();
            await Editor(page).GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("Snowmelt came late this year");
            await Editor(page).GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(Editor(page)).ToBeHiddenAsync();

            await page.ReloadAsync();
            await Assertions.Expect(Marks(page, "a dry winter left reservoirs")).ToHaveCountAsync(1);

            var search = page.Locator("header").GetByRole(AriaRole.Search).GetByRole(AriaRole.Searchbox, new() { Name = "Search", Exact = true });
            await search.FillAsync("snowmelt");
            await search.PressAsync("Enter");
            var found = page.Locator("[data-result=highlight]");
            await Assertions.Expect(found).ToHaveCountAsync(1);
            await Assertions.Expect(found.Locator("mark").First).ToHaveTextAsync("Snowmelt");
            AssertNoPageErrors();
        }
        finally
        {
            TestPostgres.Drop(database);
        }
    }
}
