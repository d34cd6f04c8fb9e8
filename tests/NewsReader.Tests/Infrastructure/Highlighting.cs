using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsReader.Articles;

namespace NewsReader.Tests.Infrastructure;

/// <summary>Highlights made the way the reading view makes them: anchors and offsets from the article's text, through the API.</summary>
public static class Highlighting
{
    public static async Task<ArticleText> ArticleTextAsync(this TestApp app, string slug)
    {
        var revisionId = await app.WithDbAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.CurrentRevisionId).SingleAsync());
        var revision = await app.Services.GetRequiredService<RevisionCache>().GetAsync(revisionId, CancellationToken.None);
        return revision.Text;
    }

    /// <summary>Highlights the <paramref name="occurrence"/>-th (0-based) place <paramref name="exact"/> is in the article; returns the created highlight.</summary>
    public static async Task<JsonElement> HighlightAsync(this HttpClient client, TestApp app, string slug, string exact,
        string color = "yellow", string? note = null, string[]? tags = null, int occurrence = 0)
    {
        var text = await app.ArticleTextAsync(slug);
        var start = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            start = text.Text.IndexOf(exact, start + 1, StringComparison.Ordinal);
            Assert.True(start >= 0, $"'{exact}' is not in {slug} {occurrence + 1} time(s)");
        }

        var range = text.ToRange(start, start + exact.Length);
        var response = await client.PostJsonAsync($"/api/articles/{slug}/highlights", new
        {
            start = new { anchor = range.Start.Anchor, offset = range.Start.Offset },
            end = new { anchor = range.End.Anchor, offset = range.End.Offset },
            exact,
            color,
            note,
            tags,
        });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public static async Task SaveArticleNoteAsync(this HttpClient client, string slug, string note)
    {
        var response = await client.PutAsJsonAsync($"/api/articles/{slug}/note", new { note }, TestContext.Current.CancellationToken);
        await response.JsonAsync(HttpStatusCode.OK);
    }

    public static async Task SaveColorLabelAsync(this HttpClient client, string color, string label)
    {
        var response = await client.PutAsJsonAsync($"/api/colors/{color}", new { label }, TestContext.Current.CancellationToken);
        await response.JsonAsync(HttpStatusCode.OK);
    }
}
