using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsReader.Articles.Import;

/// <summary>An article the importer's lookup found by file name, content or slug.</summary>
internal sealed record KnownArticle(int Id, string SourceName, string ContentHash, string Slug, string Title);

/// <summary>
/// The importer's lookup and a new article's rows, as statements prepared once and run on the
/// DbContext's own connection and transaction. On a bulk import EF Core's change tracking, SQL
/// generation and query pipeline were most of the time per article; these are the hot path of
/// every import, and everything else (a changed article's new revision, re-anchoring) stays in
/// EF Core. Columns are written in the formats EF Core reads them in: dates as ISO text, the
/// format by name, the authors as a JSON array (ImportTests read every column back).
/// </summary>
internal sealed class NewArticleRows : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _find;
    private readonly SqliteCommand _insertArticle;
    private readonly SqliteCommand _insertRevision;

    private NewArticleRows(SqliteConnection connection)
    {
        _connection = connection;
        _find = Command(
            """
            SELECT "Id", "SourceName", "ContentHash", "Slug", "Title" FROM "Articles"
            WHERE "SourceName" = $source_name OR "ContentHash" = $hash OR "Slug" = $slug
            """);
        _insertArticle = Command(
            """
            INSERT INTO "Articles" ("Slug", "SourceName", "Title", "FileTitle", "Authors", "PublishedOn", "SortDate", "Source", "Place",
                "Format", "WordCount", "CurrentRevisionId", "RevisionNumber", "ContentHash", "ImportedAt", "UpdatedAt")
            VALUES ($slug, $source_name, $title, $file_title, $authors, $published_on, $sort_date, $source, $place,
                $format, $word_count, 0, $revision_number, $hash, $imported_at, $updated_at)
            RETURNING "Id"
            """);
        _insertRevision = Command(
            """
            INSERT INTO "ArticleRevisions" ("ArticleId", "Number", "ContentHash", "SourceText", "BlocksJson", "CreatedAt")
            VALUES ($article_id, $number, $hash, $source_text, $blocks_json, $created_at);
            UPDATE "Articles" SET "CurrentRevisionId" = last_insert_rowid() WHERE "Id" = $article_id;
            SELECT last_insert_rowid();
            """);
    }

    /// <summary>Statements on a plain connection, in <paramref name="transaction"/> (the sample article, with the schema).</summary>
    public static NewArticleRows On(SqliteConnection connection, SqliteTransaction transaction)
    {
        var rows = new NewArticleRows(connection);
        rows._find.Transaction = rows._insertArticle.Transaction = rows._insertRevision.Transaction = transaction;
        return rows;
    }

    /// <summary>The rows for <paramref name="db"/>'s connection, made once per connection.</summary>
    public static NewArticleRows For(AppDb db, ref NewArticleRows? rows)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (rows?._connection != connection)
        {
            rows?.Dispose();
            rows = new NewArticleRows(connection);
        }

        var transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The importer's statements run inside its transaction.");
        rows._find.Transaction = rows._insertArticle.Transaction = rows._insertRevision.Transaction = transaction;
        return rows;
    }

    public List<KnownArticle> Find(string sourceName, string hash, string slug)
    {
        Set(_find, "$source_name", sourceName);
        Set(_find, "$hash", hash);
        Set(_find, "$slug", slug);
        var known = new List<KnownArticle>();
        using var reader = _find.ExecuteReader();
        while (reader.Read())
        {
            known.Add(new KnownArticle(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return known;
    }

    /// <summary>Inserts the article and its first revision, and points the article at it; sets both ids.</summary>
    public void Insert(Article article, ArticleRevision revision)
    {
        var c = _insertArticle;
        Set(c, "$slug", article.Slug);
        Set(c, "$source_name", article.SourceName);
        Set(c, "$title", article.Title);
        Set(c, "$file_title", article.FileTitle);
        Set(c, "$authors", SqliteFormats.Strings(article.Authors));
        Set(c, "$published_on", article.PublishedOn is { } published ? SqliteFormats.Date(published) : null);
        Set(c, "$sort_date", SqliteFormats.Date(article.SortDate));
        Set(c, "$source", article.Source);
        Set(c, "$place", article.Place);
        Set(c, "$format", article.Format.ToString());
        Set(c, "$word_count", article.WordCount);
        Set(c, "$revision_number", article.RevisionNumber);
        Set(c, "$hash", article.ContentHash);
        Set(c, "$imported_at", SqliteFormats.Utc(article.ImportedAt));
        Set(c, "$updated_at", SqliteFormats.Utc(article.UpdatedAt));
        article.Id = Convert.ToInt32(c.ExecuteScalar(), CultureInfo.InvariantCulture);

        var r = _insertRevision;
        Set(r, "$article_id", article.Id);
        Set(r, "$number", revision.Number);
        Set(r, "$hash", revision.ContentHash);
        Set(r, "$source_text", revision.SourceText);
        Set(r, "$blocks_json", revision.BlocksJson);
        Set(r, "$created_at", SqliteFormats.Utc(revision.CreatedAt));
        revision.Id = Convert.ToInt32(r.ExecuteScalar(), CultureInfo.InvariantCulture);
        revision.ArticleId = article.Id;
        article.CurrentRevisionId = revision.Id;
    }

    public void Dispose()
    {
        _find.Dispose();
        _insertArticle.Dispose();
        _insertRevision.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Set(SqliteCommand command, string name, object? value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
        else
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
