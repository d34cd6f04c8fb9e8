using System.Net;
using NewsReader.Data;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Annotations;

/// <summary>
/// The reading view reuses a reader's loaded notes panel while nothing has been committed since;
/// these tests change the database behind the app's back (as the CLI does, from another
/// process) and check the next page view shows the change.
/// </summary>
public sealed class NotesPanelCacheTests(NotesPanelCacheTests.App app) : IClassFixture<NotesPanelCacheTests.App>, IAsyncLifetime
{
    public sealed class App : TestApp;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string _slug = "";

    public async ValueTask InitializeAsync()
    {
        await app.StartedAsync();                               // its one commit of its own is behind it
        _slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A write on a connection of its own, outside the app's pool: what another process's commit looks like.</summary>
    private async Task WriteOutsideAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OutsideConnection.OpenAsync(app);
        Assert.Equal(1, await connection.ExecuteAsync(sql, parameters));
    }

    [Fact]
    public async Task The_data_version_moves_with_every_commit_from_another_connection_and_only_then()
    {
        var versions = app.Services.GetRequiredService<DataVersion>();
        var before = await versions.CurrentAsync();
        Assert.NotNull(before);
        Assert.Equal(before, await versions.CurrentAsync());

        await WriteOutsideAsync("UPDATE \"Articles\" SET \"Title\" = \"Title\" || ' (edited)' WHERE \"Slug\" = @slug", ("@slug", _slug));

        Assert.NotEqual(before, await versions.CurrentAsync());
    }

    [Fact]
    public async Task A_change_committed_by_another_process_shows_on_the_next_page_view()
    {
        var client = await app.RegisterAsync($"cache-{Guid.NewGuid():N}@example.com");
        var page = new ArticlePage(await client.GetDocumentAsync($"/articles/{_slug}"));
        var kept = (await (await client.PostJsonAsync($"/api/articles/{_slug}/highlights", page.Phrase("a dry winter", "green", "first note")))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var removed = (await (await client.PostJsonAsync($"/api/articles/{_slug}/highlights", page.Phrase("reservoirs", "blue")))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        // Twice: the second view is the one a cache would answer.
        for (var i = 0; i < 2; i++)
        {
            var shown = await client.GetDocumentAsync($"/articles/{_slug}");
            Assert.Equal("green", shown.QuerySelector($"mark[data-highlight-id='{kept}']")!.GetAttribute("data-color"));
            Assert.NotNull(shown.QuerySelector($"mark[data-highlight-id='{removed}']"));
        }

        await WriteOutsideAsync("UPDATE \"Highlights\" SET \"Color\" = 'pink', \"Note\" = 'changed elsewhere', \"NoteHtml\" = '<p>changed elsewhere</p>' WHERE \"Id\" = @id",
            ("@id", OutsideConnection.Id(Guid.Parse(kept))));
        await WriteOutsideAsync("DELETE FROM \"Highlights\" WHERE \"Id\" = @id", ("@id", OutsideConnection.Id(Guid.Parse(removed))));

        var after = await client.GetDocumentAsync($"/articles/{_slug}");
        Assert.Equal("pink", after.QuerySelector($"mark[data-highlight-id='{kept}']")!.GetAttribute("data-color"));
        Assert.Contains("changed elsewhere", after.QuerySelector($"[data-note-for='{kept}'] .note-body")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector($"mark[data-highlight-id='{removed}']"));
        Assert.Null(after.QuerySelector($"[data-note-for='{removed}']"));
    }

    [Fact]
    public async Task An_article_changed_by_another_process_shows_changed_to_a_signed_in_reader()
    {
        var client = await app.RegisterAsync($"title-{Guid.NewGuid():N}@example.com");
        var imported = (await app.ImportAsync("cache-title.txt", "Harbour Lights Return\n\nThe harbour lights were switched back on tonight.\n")).Slug!;
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("Harbour Lights Return", (await client.GetDocumentAsync($"/articles/{imported}")).QuerySelector("h1")!.TextContent);
        }

        await WriteOutsideAsync("UPDATE \"Articles\" SET \"Title\" = 'Harbour Lights Stay Off' WHERE \"Slug\" = @slug", ("@slug", imported));

        Assert.Equal("Harbour Lights Stay Off", (await client.GetDocumentAsync($"/articles/{imported}")).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_page_cache_serves_visitors_only_and_never_hands_one_readers_page_to_another()
    {
        var visitor = app.Browser();
        Assert.Contains("Sign in</a>", await visitor.GetStringAsync($"/articles/{_slug}", Ct), StringComparison.Ordinal);

        var reader = await app.RegisterAsync($"private-{Guid.NewGuid():N}@example.com");
        var page = new ArticlePage(await reader.GetDocumentAsync($"/articles/{_slug}"));
        var id = (await (await reader.PostJsonAsync($"/api/articles/{_slug}/highlights", page.Phrase("a dry winter", "pink", "my private note")))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var mine = await reader.GetStringAsync($"/articles/{_slug}", Ct);
        Assert.Contains($"data-highlight-id=\"{id}\"", mine, StringComparison.Ordinal);
        Assert.Contains("csrf-token", mine, StringComparison.Ordinal);

        var theirs = await visitor.GetStringAsync($"/articles/{_slug}", Ct);
        Assert.DoesNotContain(id, theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("my private note", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("csrf-token", theirs, StringComparison.Ordinal);
    }
}
