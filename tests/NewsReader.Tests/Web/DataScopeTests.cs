using System.Net;
using NewsReader.Data;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Web;

/// <summary>
/// Caches of sessions and of article headers follow their own counters (<see cref="ChangeCounters"/>):
/// highlights being written leave them valid, and a write to their table, by anyone, ends them.
/// </summary>
public sealed class DataScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_highlight_moves_only_the_version_of_everything_and_a_write_to_sessions_or_articles_moves_theirs_whoever_writes()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("scopes@example.com");
        var versions = app.Services.GetRequiredService<DataVersion>();
        async Task<(long? All, long? Sessions, long? Articles)> ReadAsync() =>
            (await versions.CurrentAsync(), await versions.CurrentAsync(DataScope.Sessions), await versions.CurrentAsync(DataScope.Articles));

        var start = await ReadAsync();
        Assert.NotNull(start.All);
        await reader.HighlightAsync(app, slug, "dry winter", note: "a note");
        var afterHighlight = await ReadAsync();
        Assert.NotEqual(start.All, afterHighlight.All);
        Assert.Equal((start.Sessions, start.Articles), (afterHighlight.Sessions, afterHighlight.Articles));

        await app.ImportFixtureAsync("wire-crlf-bom.txt");
        var afterImport = await ReadAsync();
        Assert.NotEqual(afterHighlight.Articles, afterImport.Articles);
        Assert.Equal(afterHighlight.Sessions, afterImport.Sessions);

        // Another process signs everybody out.
        await using (var other = await OutsideConnection.OpenAsync(app))
        {
            await other.ExecuteAsync("DELETE FROM \"UserSessions\"");
        }

        var afterSignOut = await ReadAsync();
        Assert.NotEqual(afterImport.Sessions, afterSignOut.Sessions);
        Assert.Equal(afterImport.Articles, afterSignOut.Articles);
    }

    [Fact]
    public async Task A_session_ended_by_another_process_while_highlights_are_written_is_ended_at_its_next_request()
    {
        using var app = new TestApp();
        var slug = (await app.ImportFixtureAsync("wire-basic.txt")).Slug!;
        var reader = await app.RegisterAsync("ended@example.com");
        var writer = await app.RegisterAsync("writer@example.com");

        // Both signed in and served from the session cache while highlights keep the data version moving.
        await reader.HighlightAsync(app, slug, "dry winter");
        await writer.HighlightAsync(app, slug, "grid operator");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/articles/{slug}/highlights", Ct)).StatusCode);

        await using (var other = await OutsideConnection.OpenAsync(app))
        {
            await other.ExecuteAsync("DELETE FROM \"UserSessions\" WHERE \"UserId\" = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"Email\" = @email)",
                ("@email", "ended@example.com"));
        }

        await writer.HighlightAsync(app, slug, "higher power prices");
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"/api/articles/{slug}/highlights", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/api/articles/{slug}/highlights", Ct)).StatusCode);
    }
}
