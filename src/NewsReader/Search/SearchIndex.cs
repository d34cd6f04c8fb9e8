namespace NewsReader.Search;

/// <summary>
/// The SQLite full-text index (FTS5) behind search, and the triggers that keep it: whatever
/// writes an article or a highlight — an import, a re-import, the API, a restore, re-anchoring,
/// raw SQL — changes the index in the same statement's transaction, so it can never lag or
/// disagree with the tables. See README.md beside this file.
/// <list type="bullet">
/// <item><c>ArticleSearch</c>: one row per article (rowid = the article's id): its title, byline,
/// source and the text of its current revision.</item>
/// <item><c>HighlightSearch</c>: one row per highlight: its quote, note (Markdown) and tags.
/// Highlights are keyed by a GUID; <c>HighlightSearchRows</c> gives each a stable integer rowid
/// (an explicit INTEGER PRIMARY KEY, which VACUUM never renumbers) and keeps its reader beside
/// it, so every search checks the reader without reading the highlight.</item>
/// </list>
/// Both tokenize with <c>porter unicode61 remove_diacritics 2</c>: case folded, diacritics
/// removed (<c>cafe</c> finds <c>café</c>), English stems (<c>sanction</c> finds <c>sanctions</c>).
/// </summary>
public static class SearchIndex
{
    public const string Tokenizer = "porter unicode61 remove_diacritics 2";

    private const string ArticleRow =
        """
        INSERT INTO ArticleSearch(rowid, title, byline, source, body)
            SELECT a.Id, a.Title,
                coalesce((SELECT group_concat(value, ', ') FROM json_each(a.Authors)), ''),
                coalesce(a.Source, ''),
                coalesce((SELECT group_concat(json_extract(b.value, '$.text'), char(10)) FROM json_each(r.BlocksJson) AS b), '')
            FROM Articles AS a JOIN ArticleRevisions AS r ON r.Id = a.CurrentRevisionId
        """;

    private const string HighlightRowId = "(SELECT RowId FROM HighlightSearchRows WHERE HighlightId = {0})";

    private const string TagsOf = "coalesce((SELECT group_concat(Name, ' ') FROM HighlightTags WHERE HighlightId = {0}), '')";

    /// <summary>Creates the index, its triggers, and fills it from what the database holds.</summary>
    public static readonly string Create =
        $"""
        CREATE VIRTUAL TABLE ArticleSearch USING fts5(title, byline, source, body, tokenize = '{Tokenizer}');

        CREATE TABLE HighlightSearchRows (RowId INTEGER PRIMARY KEY, HighlightId TEXT NOT NULL UNIQUE, UserId TEXT NOT NULL);

        CREATE VIRTUAL TABLE HighlightSearch USING fts5(quote, note, tags, tokenize = '{Tokenizer}');

        CREATE TRIGGER ArticleSearch_Insert AFTER INSERT ON Articles BEGIN
            {ArticleRow} WHERE a.Id = new.Id;
        END;

        CREATE TRIGGER ArticleSearch_Update AFTER UPDATE OF Title, Authors, Source, CurrentRevisionId ON Articles BEGIN
            DELETE FROM ArticleSearch WHERE rowid = old.Id;
            {ArticleRow} WHERE a.Id = new.Id;
        END;

        CREATE TRIGGER ArticleSearch_Revision AFTER INSERT ON ArticleRevisions
            WHEN EXISTS (SELECT 1 FROM Articles WHERE Id = new.ArticleId AND CurrentRevisionId = new.Id) BEGIN
            DELETE FROM ArticleSearch WHERE rowid = new.ArticleId;
            {ArticleRow} WHERE a.Id = new.ArticleId;
        END;

        CREATE TRIGGER ArticleSearch_Delete AFTER DELETE ON Articles BEGIN
            DELETE FROM ArticleSearch WHERE rowid = old.Id;
        END;

        CREATE TRIGGER HighlightSearch_Insert AFTER INSERT ON Highlights BEGIN
            INSERT INTO HighlightSearchRows (HighlightId, UserId) VALUES (new.Id, new.UserId);
            INSERT INTO HighlightSearch(rowid, quote, note, tags)
                VALUES ({string.Format(HighlightRowId, "new.Id")}, new.Exact, new.Note, {string.Format(TagsOf, "new.Id")});
        END;

        CREATE TRIGGER HighlightSearch_Update AFTER UPDATE OF Exact, Note, UserId ON Highlights BEGIN
            UPDATE HighlightSearchRows SET UserId = new.UserId WHERE HighlightId = new.Id;
            UPDATE HighlightSearch SET quote = new.Exact, note = new.Note
                WHERE rowid = {string.Format(HighlightRowId, "new.Id")};
        END;

        CREATE TRIGGER HighlightSearch_Delete AFTER DELETE ON Highlights BEGIN
            DELETE FROM HighlightSearch WHERE rowid = {string.Format(HighlightRowId, "old.Id")};
            DELETE FROM HighlightSearchRows WHERE HighlightId = old.Id;
        END;

        CREATE TRIGGER HighlightSearch_TagInsert AFTER INSERT ON HighlightTags BEGIN
            UPDATE HighlightSearch SET tags = {string.Format(TagsOf, "new.HighlightId")}
                WHERE rowid = {string.Format(HighlightRowId, "new.HighlightId")};
        END;

        CREATE TRIGGER HighlightSearch_TagDelete AFTER DELETE ON HighlightTags BEGIN
            UPDATE HighlightSearch SET tags = {string.Format(TagsOf, "old.HighlightId")}
                WHERE rowid = {string.Format(HighlightRowId, "old.HighlightId")};
        END;

        {ArticleRow};

        INSERT INTO HighlightSearchRows (HighlightId, UserId) SELECT Id, UserId FROM Highlights ORDER BY CreatedAt;

        INSERT INTO HighlightSearch(rowid, quote, note, tags)
            SELECT r.RowId, h.Exact, h.Note, {string.Format(TagsOf, "h.Id")}
            FROM Highlights AS h JOIN HighlightSearchRows AS r ON r.HighlightId = h.Id;
        """;

    /// <summary>Removes the index and its triggers (the migration's Down).</summary>
    public const string Drop =
        """
        DROP TRIGGER IF EXISTS ArticleSearch_Insert;
        DROP TRIGGER IF EXISTS ArticleSearch_Update;
        DROP TRIGGER IF EXISTS ArticleSearch_Revision;
        DROP TRIGGER IF EXISTS ArticleSearch_Delete;
        DROP TRIGGER IF EXISTS HighlightSearch_Insert;
        DROP TRIGGER IF EXISTS HighlightSearch_Update;
        DROP TRIGGER IF EXISTS HighlightSearch_Delete;
        DROP TRIGGER IF EXISTS HighlightSearch_TagInsert;
        DROP TRIGGER IF EXISTS HighlightSearch_TagDelete;
        DROP TABLE IF EXISTS HighlightSearch;
        DROP TABLE IF EXISTS HighlightSearchRows;
        DROP TABLE IF EXISTS ArticleSearch;
        """;
}
