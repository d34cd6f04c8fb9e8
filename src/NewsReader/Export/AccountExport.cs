using System.Text.Encodings.Web;
using NewsReader.Accounts;
using NewsReader.Annotations;

namespace NewsReader.Export;

/// <summary>
/// <c>account.json</c>: what the notes exports leave out of a reader's data — the account (e-mail,
/// when it was made, roles), colour meanings, reading state per article, article notes and tags
/// on articles. Written as it is read, each list straight from the database, so it streams.
/// </summary>
public sealed class AccountExport(AppDb db)
{
    /// <summary>A row of one of the lists of articles: written as an object that names its article first.</summary>
    private interface IArticleRow
    {
        string Slug { get; }

        string Title { get; }
    }

    private sealed record StateRow(string Slug, string Title, bool Read, bool Archived, bool Favorite, double Progress, DateTime Updated) : IArticleRow;

    private sealed record NoteRow(string Slug, string Title, string Note, DateTime Created, DateTime Updated) : IArticleRow;

    private sealed record TagRow(string Slug, string Title, string Name);

    public async Task WriteAsync(string userId, DateTime exportedAt, Stream output, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var created = await AccountCreated.ReadAsync(db, userId, ct);
        var roles = await (from r in db.Roles
                           join ur in db.UserRoles on r.Id equals ur.RoleId
                           where ur.UserId == userId
                           orderby r.Name
                           select r.Name).ToListAsync(ct);

        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("email", user.Email);
        WriteDate(json, "created", created);
        json.WriteStartArray("roles");
        foreach (var role in roles)
        {
            json.WriteStringValue(role);
        }

        json.WriteEndArray();
        json.WriteString("exported", JsonLdExport.Timestamp(exportedAt));

        json.WriteStartObject("colorMeanings");
        foreach (var (color, label) in (await ColorLabels.ForUserAsync(db, userId, ct)).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            json.WriteString(color, label);
        }

        json.WriteEndObject();

        await WriteArticleRowsAsync(json, "readingState",
            from s in db.ReadingStates.AsNoTracking()
            join a in db.Articles on s.ArticleId equals a.Id
            where s.UserId == userId
            orderby a.Id
            select new StateRow(a.Slug, a.Title, s.Read, s.Archived, s.Favorite, s.Progress, s.UpdatedAt),
            (json, state) =>
            {
                json.WriteBoolean("read", state.Read);
                json.WriteBoolean("archived", state.Archived);
                json.WriteBoolean("favorite", state.Favorite);
                json.WriteNumber("progress", state.Progress);
                WriteDate(json, "updated", state.Updated);
            }, ct);

        await WriteArticleRowsAsync(json, "articleNotes",
            from n in db.ArticleNotes.AsNoTracking()
            join a in db.Articles on n.ArticleId equals a.Id
            where n.UserId == userId
            orderby a.Id
            select new NoteRow(a.Slug, a.Title, n.Note, n.CreatedAt, n.UpdatedAt),
            (json, note) =>
            {
                json.WriteString("note", note.Note);
                WriteDate(json, "created", note.Created);
                WriteDate(json, "updated", note.Updated);
            }, ct);

        json.WriteStartArray("articleTags");
        var tags = from t in db.ArticleTags.AsNoTracking()
                   join a in db.Articles on t.ArticleId equals a.Id
                   where t.UserId == userId
                   orderby a.Id, t.Name
                   select new TagRow(a.Slug, a.Title, t.Name);
        string? open = null;
        await foreach (var tag in tags.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (tag.Slug != open)
            {
                if (open is not null)
                {
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteStartObject();
                json.WriteString("article", tag.Slug);
                json.WriteString("title", tag.Title);
                json.WriteStartArray("tags");
                open = tag.Slug;
            }

            json.WriteStringValue(tag.Name);
            await FlushSometimesAsync(json, ct);
        }

        if (open is not null)
        {
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
        await output.WriteAsync("\n"u8.ToArray(), ct);
    }

    private static async Task WriteArticleRowsAsync<T>(Utf8JsonWriter json, string name, IQueryable<T> rows,
        Action<Utf8JsonWriter, T> writeFields, CancellationToken ct)
        where T : IArticleRow
    {
        json.WriteStartArray(name);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString("article", row.Slug);
            json.WriteString("title", row.Title);
            writeFields(json, row);
            json.WriteEndObject();
            await FlushSometimesAsync(json, ct);
        }

        json.WriteEndArray();
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateTime? value)
    {
        if (value is { } date)
        {
            json.WriteString(name, JsonLdExport.Timestamp(date));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static async ValueTask FlushSometimesAsync(Utf8JsonWriter json, CancellationToken ct)
    {
        if (json.BytesPending > 32 * 1024)
        {
            await json.FlushAsync(ct);
        }
    }
}
