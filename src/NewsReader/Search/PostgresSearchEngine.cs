using System.Data.Common;
using Npgsql;

using static NewsReader.Search.SearchEngine;

namespace NewsReader.Search;

/// <summary>
/// Search on PostgreSQL's full-text index (<see cref="PostgresSearchIndex"/>), with the same query
/// language, results, paging and privacy as <see cref="SqliteSearchEngine"/>. A query never
/// reaches tsquery syntax as the reader typed it: every word is a parameter read by
/// <c>phraseto_tsquery</c> (or quoted as one lexeme, for a prefix), and the operators between
/// them are the engine's own. Ranking is <c>ts_rank_cd</c> (cover density) with the title
/// weighing most, then byline, source and body; a document holding the words as a phrase ranks
/// above one where they are scattered. As on SQLite, matches are counted up to
/// <see cref="SearchEngine.CountCap"/> and the <see cref="SearchEngine.RankWindow"/> newest are ranked.
/// </summary>
public sealed class PostgresSearchEngine(NpgsqlDataSource dataSource) : ISearchEngine
{

    /// <summary>The text search configuration, as a SQL literal.</summary>
    private const string Config = "'" + PostgresSearchIndex.Configuration + "'";

    /// <summary>ts_rank_cd weights for D, C, B, A — body, source, byline, title: SQLite's BM25 weights 1, 2, 4, 10.</summary>
    private const string ArticleWeights = "ARRAY[0.1, 0.2, 0.4, 1.0]::real[]";

    /// <summary>ts_rank_cd weights for D, C, B, A — (nothing), note, quote, tags: SQLite's 2, 2, 3.</summary>
    private const string HighlightWeights = "ARRAY[0.1, 0.6667, 0.6667, 1.0]::real[]";

    /// <summary>ts_headline's options: a passage of about as many words as SQLite's snippet (24 tokens), or the whole text.</summary>
    private const string PassageOptions = "StartSel=" + MarkOpen + ", StopSel=" + MarkClose + ", MaxWords=24, MinWords=12, ShortWord=0";

    private const string WholeOptions = "StartSel=" + MarkOpen + ", StopSel=" + MarkClose + ", HighlightAll=true";

    /// <summary>A tsquery that finds nothing (no text holds a space as a word): ts_headline then shows the text's start.</summary>
    private const string NoWords = "''' '''::tsquery";

    /// <summary>How much text either side of a passage is read to tell whether the text goes on (an ellipsis).</summary>
    private const int Context = 64;

    /// <summary>The plain text an article or a highlight lists when a search has no words (as on SQLite).</summary>
    private const string LeadLength = "240";

    /// <summary>
    /// How much of an article's body a snippet is looked for in. ts_headline reads (and stems) the
    /// whole text it is given, about a millisecond per 2,000 characters, for every article on a
    /// page: a book-length body would cost a second. A match further in shows the body's start.
    /// </summary>
    private const string SnippetSource = "50000";

    private static readonly string CountLimit = (SearchEngine.CountCap + 1).ToString(CultureInfo.InvariantCulture);

    private static readonly string RankWindow = SearchEngine.RankWindow.ToString(CultureInfo.InvariantCulture);

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await SearchEngine.BothHalvesAsync(request, () => ArticlesAsync(connection, request, ct), () => HighlightsAsync(connection, request, ct));
    }

    private static SqlParts NewSql() => new((name, value) => new NpgsqlParameter(name, value));

    // ---- articles

    private static async Task<(IReadOnlyList<ArticleHit>, int)> ArticlesAsync(NpgsqlConnection connection, SearchRequest request, CancellationToken ct)
    {
        var query = request.Query;
        var sql = NewSql();
        var where = sql.Dates(query, "a.\"SortDate\"", date => date);

        // Dates are on the article; everything else goes by the index row's article id.
        var byDate = where.Count > 0;
        const string ArticleId = "s.\"ArticleId\"";
        where.AddRange(StateFilters(sql, query, request.UserId, ArticleId));
        var owner = sql.Add(request.UserId ?? "");
        // The reader's own tags on the article; a visitor has none, so finds no article by tag.
        where.AddRange(query.Tags.Select(tag =>
            $"""EXISTS (SELECT 1 FROM "ArticleTags" AS t WHERE t."UserId" = {owner} AND t."Name" = {sql.Add(tag)} AND t."ArticleId" = {ArticleId})"""));

        var words = Words(sql, query);
        var fields = Fields(sql, query);
        var excluded = query.Excluded.Count == 0 ? null : Any(sql, query.Excluded);
        if (words is null && fields.Count == 0)
        {
            if (excluded is not null)
            {
                where.Add($"""{ArticleId} NOT IN (SELECT x."ArticleId" FROM "ArticleSearch" AS x WHERE x."Document" @@ {excluded})""");
            }

            // Filters alone (or only exclusions): the newest first, as the library lists them. Deleted
            // articles have no index row, so are neither listed nor counted.
            var rows = $"""FROM "Articles" AS a JOIN "ArticleSearch" AS s ON s."ArticleId" = a."Id"{Conditions(where, " WHERE ")}""";
            var total = await CountAsync(connection, sql, $"SELECT 1 {rows}", ct);
            var listed = await ReadAsync(connection, sql,
                $"""
                SELECT a."Slug", a."Title", a."Authors", a."PublishedOn", a."Source", left(s."Body", {LeadLength})
                {rows}
                ORDER BY a."SortDate" DESC, a."Id" DESC
                LIMIT {Number(request.Limit)} OFFSET {Number(request.Offset)}
                """,
                reader => new ArticleHit(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    Marked(reader.GetString(5)), 0),
                ct);
            return (listed, total);
        }

        // The words and field filters, and no excluded word, anywhere in the article; then the
        // field filters each in its own field (the document holds every field, so the index can
        // narrow by them first).
        var positives = fields.Select(f => f.Query).ToList();
        if (words is not null)
        {
            positives.Insert(0, words);
        }

        var positive = All(positives);
        var match = excluded is null ? positive : $"({positive} && (!! {excluded}))";
        where.AddRange(fields.Select(f => $"""s."{f.Column}" @@ {f.Query}"""));
        // Ranked by the words; by the field filters when there are none (author:ruiz alone).
        var ranked = words ?? positive;
        var boost = Phrase(sql, query) is { } phrase ? $"""(CASE WHEN s."Document" @@ {phrase} THEN 2.0 ELSE 1.0 END)""" : "1.0";
        var dated = byDate ? " JOIN \"Articles\" AS a ON a.\"Id\" = s.\"ArticleId\"" : "";
        var matches =
            $"""
            SELECT s."ArticleId" AS "Id"
            FROM "ArticleSearch" AS s{dated}
            WHERE s."Document" @@ {match}{Conditions(where, " AND ")}
            ORDER BY s."ArticleId" DESC
            LIMIT {CountLimit}
            """;
        var page =
            $"""
            SELECT s."ArticleId" AS "Id", s."ArticleId" AS "Order",
                (ts_rank_cd({ArticleWeights}, s."Document", {ranked}, 1) * {boost})::float8 AS "Score"
            FROM (SELECT "Id" FROM matches ORDER BY "Id" DESC LIMIT {RankWindow}) AS w
            JOIN "ArticleSearch" AS s ON s."ArticleId" = w."Id"
            ORDER BY "Score" DESC, "Order" DESC
            LIMIT {Number(request.Limit)} OFFSET {Number(request.Offset)}
            """;
        var body = Passage("b", $"left(s.\"Body\", {SnippetSource})", words ?? NoWords, PassageOptions);
        var details =
            $"""
            JOIN "Articles" AS a ON a."Id" = p."Id"
            JOIN "ArticleSearch" AS s ON s."ArticleId" = p."Id"
            {body}
            """;
        var (hits, count) = await RankedAsync(connection, sql, matches, page, details,
            """a."Slug", a."Title", a."Authors", a."PublishedOn", a."Source", """ + PassageColumns("b"),
            reader => new ArticleHit(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                ReadPassage(reader, 5, query, ellipses: true), 0),
            (hit, score) => hit with { Score = score }, ct);
        return (hits, count);
    }

    // ---- highlights

    /// <summary>A highlight's columns after its id, as <see cref="ReadHighlight"/> reads them.</summary>
    private const string HighlightColumns =
        """
        a."Slug", a."Title", h."Exact", h."Note", h."Color",
            ARRAY(SELECT t."Name"::text FROM "HighlightTags" AS t WHERE t."HighlightId" = h."Id" ORDER BY t."Name" COLLATE "C"),
            a."DeletedAt" IS NOT NULL
        """;

    private static async Task<(IReadOnlyList<HighlightHit>, int)> HighlightsAsync(NpgsqlConnection connection, SearchRequest request, CancellationToken ct)
    {
        var query = request.Query;
        var sql = NewSql();
        var reader = HighlightReader(sql, query, request.UserId!, request.Colors);
        if (reader.Words is not { } words)
        {
            // Filters alone: the newest highlights first, as My notes lists them.
            var total = await CountAsync(connection, sql, $"SELECT 1 {reader.Owned}", ct);
            var listed = await ReadAsync(connection, sql,
                $"""
                SELECT h."Id", {HighlightColumns}, left(h."Note", {LeadLength})
                {reader.Owned}
                ORDER BY h."CreatedAt" DESC, h."Id"
                LIMIT {Number(request.Limit)} OFFSET {Number(request.Offset)}
                """,
                row => ReadHighlight(row, Marked(row.GetString(3)), Marked(row.GetString(8))),
                ct);
            return (listed, total);
        }

        var document = ScopedDocument(query);
        var boost = Phrase(sql, query) is { } phrase ? $"(CASE WHEN {document} @@ {phrase} THEN 2.0 ELSE 1.0 END)" : "1.0";
        var matches =
            $"""
            SELECT s."HighlightId" AS "Id", s."RowId"
            {reader.Owned}
            ORDER BY s."RowId" DESC
            LIMIT {CountLimit}
            """;
        var page =
            $"""
            SELECT s."HighlightId" AS "Id", s."RowId" AS "Order",
                (ts_rank_cd({HighlightWeights}, {document}, {words}, 1) * {boost})::float8 AS "Score"
            FROM (SELECT "Id" FROM matches ORDER BY "RowId" DESC LIMIT {RankWindow}) AS w
            JOIN "HighlightSearch" AS s ON s."HighlightId" = w."Id"
            ORDER BY "Score" DESC, "Order" DESC
            LIMIT {Number(request.Limit)} OFFSET {Number(request.Offset)}
            """;
        // Marked as SQLite marks them: in:notes marks no quote, in:quotes no note.
        var quote = Passage("q", "h.\"Exact\"", query.Scope == SearchScope.Notes ? NoWords : words, WholeOptions);
        var note = Passage("n", "h.\"Note\"", query.Scope == SearchScope.Quotes ? NoWords : words, PassageOptions);
        // The page's rows came out of matches, which checked the reader; the join checks again.
        var details =
            $"""
            JOIN "Highlights" AS h ON h."Id" = p."Id" AND h."UserId" = {reader.User}
            JOIN "Articles" AS a ON a."Id" = h."ArticleId"
            {quote}
            {note}
            """;
        var (hits, count) = await RankedAsync(connection, sql, matches, page, details,
            $"""h."Id", {HighlightColumns}, {PassageColumns("q")}, {PassageColumns("n")}""",
            row => ReadHighlight(row, ReadPassage(row, 8, query, ellipses: false), ReadPassage(row, 13, query, ellipses: true)),
            (hit, score) => hit with { Score = score }, ct);
        return (hits, count);
    }

    /// <summary>A highlight from its id and <see cref="HighlightColumns"/>, with its quote and note as HTML.</summary>
    private static HighlightHit ReadHighlight(DbDataReader row, string quoteHtml, string snippetHtml) => new(
        row.GetGuid(0),
        row.GetString(1),
        row.GetString(2),
        row.GetString(3),
        row.GetString(4),
        row.GetString(5),
        row.GetFieldValue<string[]>(6),
        quoteHtml,
        snippetHtml,
        0,
        row.GetBoolean(7));

    /// <summary>The reader's highlights that the query matches, by id (My notes pages through them).</summary>
    public IQueryable<Guid> MatchingHighlights(AppDb db, string userId, SearchQuery query, IReadOnlyList<string> colors)
    {
        var sql = NewSql();
        var reader = HighlightReader(sql, query, userId, colors);
        return sql.Query<Guid>(db, (reader.Words is null ? "SELECT h.\"Id\" AS \"Value\" " : "SELECT s.\"HighlightId\" AS \"Value\" ") + reader.Owned);
    }

    /// <summary>
    /// The parts of a search over one reader's highlights. <see cref="Owned"/>: FROM … WHERE over the
    /// index (as <c>s</c>), the words matched and the reader checked on the index row, no
    /// highlight read unless a filter needs it; or, for filters without words, over the
    /// highlights (as <c>h</c>, their articles as <c>a</c>). <see cref="Words"/> is the words'
    /// tsquery (null: no words); <see cref="User"/> the reader's parameter.
    /// </summary>
    private sealed record HighlightSql(string Owned, string? Words, string User);

    private static HighlightSql HighlightReader(SqlParts sql, SearchQuery query, string userId, IReadOnlyList<string> colors)
    {
        var user = sql.Add(userId);
        var filters = new List<string>();
        if (colors.Count > 0)
        {
            filters.Add($"""h."Color" = ANY ({sql.Add(colors.ToArray())})""");
        }

        foreach (var tag in query.Tags)
        {
            filters.Add($"""EXISTS (SELECT 1 FROM "HighlightTags" AS t WHERE t."HighlightId" = h."Id" AND t."Name" = {sql.Add(tag)})""");
        }

        if (query.Authors.Count > 0 || query.Sources.Count > 0)
        {
            var fields = Fields(sql, query);
            var inFields = string.Concat(fields.Select(f => $""" AND x."{f.Column}" @@ {f.Query}"""));
            filters.Add($"""h."ArticleId" IN (SELECT x."ArticleId" FROM "ArticleSearch" AS x WHERE x."Document" @@ {All(fields.Select(f => f.Query))}{inFields})""");
        }

        if (query.Before is { } before)
        {
            filters.Add($"""h."CreatedAt" < {sql.Add(before.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))}""");
        }

        if (query.After is { } after)
        {
            filters.Add($"""h."CreatedAt" >= {sql.Add(after.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))}""");
        }

        filters.AddRange(StateFilters(sql, query, userId, "h.\"ArticleId\""));

        var conditions = Conditions(filters, " AND ");
        var document = ScopedDocument(query);
        var excluded = query.Excluded.Count == 0 ? null : Any(sql, query.Excluded);
        if (Words(sql, query) is not { } words)
        {
            var without = excluded is null
                ? ""
                : $""" AND h."Id" NOT IN (SELECT s."HighlightId" FROM "HighlightSearch" AS s WHERE s."UserId" = {user} AND {document} @@ {excluded})""";
            return new HighlightSql(
                $"""FROM "Highlights" AS h JOIN "Articles" AS a ON a."Id" = h."ArticleId" WHERE h."UserId" = {user}{without}{conditions}""", null, user);
        }

        var index = "FROM \"HighlightSearch\" AS s" + (filters.Count == 0 ? "" : " JOIN \"Highlights\" AS h ON h.\"Id\" = s.\"HighlightId\"");
        var match = excluded is null ? words : $"({words} && (!! {excluded}))";
        // In one field (in:notes, in:quotes) the whole document still finds the words first, by its index.
        var narrowed = query.Scope is SearchScope.Notes or SearchScope.Quotes ? $""" AND s."Document" @@ {words}""" : "";
        return new HighlightSql($"""{index} WHERE {document} @@ {match}{narrowed} AND s."UserId" = {user}{conditions}""", words, user);
    }

    /// <summary>The index row's document, or only the field <c>in:</c> names: notes (C) or quotes (B).</summary>
    private static string ScopedDocument(SearchQuery query) => query.Scope switch
    {
        SearchScope.Notes => """ts_filter(s."Document", ARRAY['c']::"char"[])""",
        SearchScope.Quotes => """ts_filter(s."Document", ARRAY['b']::"char"[])""",
        _ => "s.\"Document\"",
    };

    // ---- shared

    /// <summary>
    /// <c>is:</c> on the reader's own reading state of the article (<paramref name="articleId"/>, a
    /// column). A visitor has none: every article is unread to them, none archived or a favourite.
    /// </summary>
    private static List<string> StateFilters(SqlParts sql, SearchQuery query, string? userId, string articleId)
    {
        if (query.States.Count == 0)
        {
            return [];
        }

        var user = sql.Add(userId ?? "");
        return query.States.Select(state => state switch
        {
            ArticleState.Unread => $"""{articleId} NOT IN (SELECT r."ArticleId" FROM "ReadingStates" AS r WHERE r."UserId" = {user} AND r."Read")""",
            ArticleState.Archived => $"""{articleId} IN (SELECT r."ArticleId" FROM "ReadingStates" AS r WHERE r."UserId" = {user} AND r."Archived")""",
            _ => $"""{articleId} IN (SELECT r."ArticleId" FROM "ReadingStates" AS r WHERE r."UserId" = {user} AND r."Favorite")""",
        }).ToList();
    }

    private static string Conditions(List<string> conditions, string first) =>
        conditions.Count == 0 ? "" : first + string.Join(" AND ", conditions);

    /// <summary>
    /// One page of matches in rank order, and how many match (to one past
    /// <see cref="SearchEngine.CountCap"/>), in one statement. <paramref name="matches"/> selects the
    /// matching ids (<c>"Id"</c>), newest first, as many as are counted; <paramref name="page"/>
    /// ranks the <see cref="SearchEngine.RankWindow"/> newest of them and takes the page
    /// (<c>"Id"</c>, <c>"Order"</c>, <c>"Score"</c>); <paramref name="details"/> joins what the
    /// page shows to it (as <c>p</c>), and <paramref name="columns"/> selects that for
    /// <paramref name="hit"/> (the score and the count come after them). A page past the ranked
    /// window is empty: one row of nulls but the count.
    /// </summary>
    private static async Task<(List<T> Hits, int Total)> RankedAsync<T>(NpgsqlConnection connection, SqlParts sql,
        string matches, string page, string details, string columns,
        Func<DbDataReader, T> hit, Func<T, double, T> scored, CancellationToken ct)
    {
        await using var command = sql.Command(connection,
            $"""
            WITH matches AS MATERIALIZED (
            {matches}
            ), page AS (
            {page}
            )
            SELECT {columns}, p."Score", (SELECT count(*) FROM matches)::int
            FROM (VALUES (0)) AS one (x)
            LEFT JOIN (page AS p
                {details}
            ) ON true
            ORDER BY p."Score" DESC, p."Order" DESC
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var hits = new List<T>();
        var total = 0;
        var score = reader.FieldCount - 2;
        while (await reader.ReadAsync(ct))
        {
            total = reader.GetInt32(score + 1);
            if (!reader.IsDBNull(score))
            {
                hits.Add(scored(hit(reader), reader.GetDouble(score)));
            }
        }

        return (hits, total);
    }

    /// <summary>Rows in the order they come, each read by <paramref name="hit"/>.</summary>
    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, SqlParts sql, string text,
        Func<DbDataReader, T> hit, CancellationToken ct)
    {
        await using var command = sql.Command(connection, text);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var hits = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            hits.Add(hit(reader));
        }

        return hits;
    }

    private static async Task<int> CountAsync(NpgsqlConnection connection, SqlParts sql, string rows, CancellationToken ct)
    {
        await using var command = sql.Command(connection, $"SELECT count(*)::int FROM ({rows} LIMIT {CountLimit}) AS counted");
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // ---- the query as tsquery

    /// <summary>The positive words: clauses ANDed, alternatives ORed. Null when there are none.</summary>
    private static string? Words(SqlParts sql, SearchQuery query) =>
        query.Clauses.Count == 0
            ? null
            : All(query.Clauses.Select(c => c.Count == 1 ? Term(sql, c[0]) : "(" + string.Join(" || ", c.Select(t => Term(sql, t))) + ")"));

    /// <summary><c>author:</c> and <c>source:</c>: each a term to find in its own field of <c>ArticleSearch</c>.</summary>
    private static List<(string Column, string Query)> Fields(SqlParts sql, SearchQuery query) =>
        query.Authors.Select(a => ("BylineWords", Term(sql, a))).Concat(query.Sources.Select(s => ("SourceWords", Term(sql, s)))).ToList();

    private static string All(IEnumerable<string> queries) => "(" + string.Join(" && ", queries) + ")";

    private static string Any(SqlParts sql, IReadOnlyList<SearchTerm> terms) => "(" + string.Join(" || ", terms.Select(t => Term(sql, t))) + ")";

    /// <summary>The single words of a search of two or more, as one phrase: finding them together ranks higher.</summary>
    private static string? Phrase(SqlParts sql, SearchQuery query)
    {
        var single = query.Clauses.Where(c => c.Count == 1 && !c[0].Prefix).SelectMany(c => c[0].Words).ToList();
        return single.Count >= 2 ? Phrase(sql, single) : null;
    }

    /// <summary>
    /// A term as a tsquery: its words as a phrase, its last word a prefix when asked. Each word is
    /// a parameter: <c>phraseto_tsquery</c> reads it as text, never as syntax; a prefix is quoted as
    /// one lexeme (quotes and backslashes escaped) before <c>:*</c> is added. A word that comes to
    /// no lexeme gives an empty tsquery, which the operators leave out and which matches nothing alone.
    /// </summary>
    private static string Term(SqlParts sql, SearchTerm term)
    {
        var words = term.Words.ToArray();
        if (!term.Prefix)
        {
            return Phrase(sql, words);
        }

        var prefix = $"""to_tsquery({Config}, '''' || replace(replace({sql.Add(Plain(words[^1]))}, '\', '\\'), '''', '''''') || ''':*')""";
        return words.Length == 1 ? prefix : $"tsquery_phrase({Phrase(sql, words[..^1])}, {prefix})";
    }

    private static string Phrase(SqlParts sql, IEnumerable<string> words) => $"phraseto_tsquery({Config}, {sql.Add(Plain(string.Join(' ', words)))})";

    /// <summary>A query's word as the index reads text (<c>SearchText</c>): the search marks are not word characters there.</summary>
    private static string Plain(string words) => words.Replace(MarkOpen[0], ' ').Replace(MarkClose[0], ' ');

    // ---- snippets

    /// <summary>
    /// A LATERAL (as <paramref name="alias"/>) marking the words of <paramref name="query"/> in
    /// <paramref name="text"/> with ts_headline. The headline is of <c>SearchText</c>'s text, as the
    /// index read it (its ASCII symbols blanked, one character for one), so it is found there and
    /// the same span of the original read beside it: <see cref="ReadPassage"/> puts the original
    /// characters back under the marks. <see cref="PassageColumns"/> lists its columns. (OFFSET 0
    /// keeps PostgreSQL from pulling the subqueries up, which would run ts_headline once for
    /// every use of its result.)
    /// </summary>
    private static string Passage(string alias, string text, string query, string options)
    {
        const string Unmarked = """replace(replace(m."Marked", chr(57344), ''), chr(57345), '')""";
        var context = Number(Context);
        return $"""
            CROSS JOIN LATERAL (
                SELECT f."Marked", substr({text}, f."At", f."Length") AS "Excerpt", f."At",
                    right(left({text}, greatest(f."At" - 1, 0)), {context}) AS "Before",
                    substr({text}, f."At" + f."Length", {context}) AS "After"
                FROM (
                    SELECT m."Marked", strpos(m."Clean", {Unmarked}) AS "At", length({Unmarked}) AS "Length"
                    FROM (SELECT "SearchText"({text}) AS "Clean", ts_headline({Config}, "SearchText"({text}), {query}, '{options}') AS "Marked" OFFSET 0) AS m
                    OFFSET 0
                ) AS f
            ) AS {alias}
            """;
    }

    private static string PassageColumns(string alias) =>
        $"""{alias}."Marked", {alias}."Excerpt", {alias}."At", {alias}."Before", {alias}."After" """;

    /// <summary>
    /// A passage (<see cref="PassageColumns"/> from <paramref name="column"/>) as HTML: the original
    /// text under the headline's marks, marks of one phrase's words joined as SQLite marks a
    /// phrase, an ellipsis where the text goes on (<paramref name="ellipses"/>), then encoded.
    /// </summary>
    private static string ReadPassage(DbDataReader reader, int column, SearchQuery query, bool ellipses)
    {
        var marked = reader.GetString(column);
        var at = reader.GetInt32(column + 2);
        var text = at > 0 && Restored(marked, reader.GetString(column + 1)) is { } restored ? restored : marked;
        if (query.Clauses.Any(c => c.Any(t => t.Words.Count > 1)))
        {
            text = JoinedMarks(text);
        }

        if (ellipses && at > 0)
        {
            var before = reader.GetString(column + 3);
            var after = reader.GetString(column + 4);
            if (at - 1 > Context || SearchQuery.Words(before).Count > 0)
            {
                text = "…" + text;
            }

            if (after.Length >= Context || SearchQuery.Words(after).Count > 0)
            {
                text += "…";
            }
        }

        return Marked(text);
    }

    /// <summary>
    /// The headline's marks over the original <paramref name="excerpt"/>: character for character,
    /// each the original's unless SearchText blanked it. Null when they do not line up (then the
    /// headline is shown as it is).
    /// </summary>
    private static string? Restored(string marked, string excerpt)
    {
        var text = new StringBuilder(marked.Length);
        var next = 0;
        foreach (var c in marked)
        {
            if (c == MarkOpen[0] || c == MarkClose[0])
            {
                text.Append(c);
                continue;
            }

            if (next == excerpt.Length)
            {
                return null;
            }

            var original = excerpt[next++];
            if (original != c && c != ' ')
            {
                return null;
            }

            // The text's own mark characters (blanked in the headline) are not marks.
            text.Append(original == MarkOpen[0] || original == MarkClose[0] ? ' ' : original);
        }

        return next == excerpt.Length ? text.ToString() : null;
    }

    /// <summary>
    /// ts_headline marks each word; SQLite marks a phrase's words as one. Marks with nothing
    /// between them but symbols and spaces are joined (for a search with a phrase in it).
    /// </summary>
    private static string JoinedMarks(string text)
    {
        var joined = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == MarkClose[0])
            {
                var open = text.IndexOf(MarkOpen[0], i + 1);
                var close = text.IndexOf(MarkClose[0], i + 1);
                if (open > i && (close < 0 || open < close) && SearchQuery.Words(text[(i + 1)..open]).Count == 0)
                {
                    joined.Append(text, i + 1, open - i - 1);
                    i = open + 1;
                    continue;
                }
            }

            joined.Append(text[i]);
            i++;
        }

        return joined.ToString();
    }
}
