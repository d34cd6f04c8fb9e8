using Microsoft.Data.Sqlite;

using static NewsReader.Search.SearchEngine;

namespace NewsReader.Search;

/// <summary>
/// Search on SQLite's FTS5 index (<see cref="SearchIndex"/>). A query never reaches FTS5 as the
/// reader typed it: every word is re-quoted as an FTS5 string, so its syntax (operators,
/// columns, <c>NEAR</c>, <c>^</c>) cannot be injected. Ranking is BM25 with the title weighing
/// most, then byline, source and body; a document holding the words as a phrase ranks above one
/// where they are scattered. What is ranked is the <see cref="SearchEngine.RankWindow"/> newest
/// matches (README.md: why, and what that means for common words).
/// </summary>
public sealed class SqliteSearchEngine(SearchConnections connections) : ISearchEngine
{

    /// <summary>BM25 column weights: title, byline, source, body.</summary>
    private const string ArticleWeights = "10.0, 4.0, 2.0, 1.0";

    /// <summary>BM25 column weights: quote, note, tags.</summary>
    private const string HighlightWeights = "2.0, 2.0, 3.0";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        using var lease = await connections.RentAsync(ct);
        var connection = lease.Connection;
        return await SearchEngine.BothHalvesAsync(request, () => ArticlesAsync(connection, request, ct), () => HighlightsAsync(connection, request, ct));
    }

    private static SqlParts NewSql() => new((name, value) => new SqliteParameter(name, value));

    // ---- articles

    private static async Task<(IReadOnlyList<ArticleHit>, int)> ArticlesAsync(SqliteConnection connection, SearchRequest request, CancellationToken ct)
    {
        var query = request.Query;
        var sql = NewSql();
        var where = sql.Dates(query, "a.SortDate", date => SqliteFormats.Date(date));

        where.AddRange(StateFilters(sql, query, request.UserId, "a.Id"));
        var owner = sql.Add(request.UserId ?? "");
        var tagged = query.Tags.Count == 0 ? null : $"t.UserId = {owner} AND t.Name = {sql.Add(query.Tags[0])}";
        // The reader's own tags on the article; a visitor has none, so finds no article by tag.
        where.AddRange(query.Tags.Skip(1).Select(tag =>
            $"a.Id IN (SELECT ArticleId FROM ArticleTags WHERE UserId = {owner} AND Name = {sql.Add(tag)})"));

        if (ArticleMatch(query) is not { } match)
        {
            if (query.Excluded.Count > 0)
            {
                where.Add($"a.Id NOT IN (SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH {sql.Add(Any(query.Excluded))})");
            }

            // Dates alone (or only exclusions): the newest first, as the library lists them.
            if (tagged is not null)
            {
                where.Add($"a.Id IN (SELECT t.ArticleId FROM ArticleTags AS t WHERE {tagged})");
            }

            var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
            var total = await CountAsync(connection, sql, $"SELECT a.Id FROM Articles AS a {filter}", ct);
            var rows = await ReadArticlesAsync(connection, sql,
                $"""
                SELECT a.Id, a.Slug, a.Title, a.Authors, a.PublishedOn, a.Source, substr(s.body, 1, 240)
                FROM Articles AS a CROSS JOIN ArticleSearch AS s ON s.rowid = a.Id {filter}
                ORDER BY a.SortDate DESC, a.Id DESC LIMIT {request.Limit} OFFSET {request.Offset}
                """, null, ct);
            return (rows, total);
        }

        // The index drives (CROSS JOIN keeps SQLite from scanning articles and probing it instead).
        var matchParameter = sql.Add(match);
        // By tag, the reader's tagged articles drive, each looked up in the index by rowid: a common
        // word's tens of thousands of matches are never read to find the few the reader tagged.
        var from = tagged is not null
            ? "FROM ArticleTags AS t CROSS JOIN ArticleSearch AS s ON s.rowid = t.ArticleId CROSS JOIN Articles AS a ON a.Id = s.rowid"
            : "FROM ArticleSearch AS s" + (where.Count == 0 ? "" : " CROSS JOIN Articles AS a ON a.Id = s.rowid");
        var conditions = string.Concat(where.Prepend(tagged).OfType<string>().Select(w => " AND " + w));
        var (window, ranked) = await RankedPageAsync(connection, sql, "ArticleSearch", ArticleWeights,
            $"{from} WHERE ArticleSearch MATCH {matchParameter}{conditions}", Phrase(query), request, ct);
        if (ranked.Count == 0)
        {
            return ([], window.Total);
        }

        var hits = await ReadArticlesAsync(connection, sql,
            $"""
            SELECT s.rowid, a.Slug, a.Title, a.Authors, a.PublishedOn, a.Source,
                snippet(ArticleSearch, 3, '{MarkOpen}', '{MarkClose}', '…', 24)
            FROM ArticleSearch AS s CROSS JOIN Articles AS a ON a.Id = s.rowid
            WHERE ArticleSearch MATCH {matchParameter} AND s.rowid >= {window.From} AND {Among(ranked)}
            """, ranked, ct);
        return (hits, window.Total);
    }

    /// <summary>Words in any column; authors and sources in theirs. Null: no words to match (dates alone).</summary>
    private static string? ArticleMatch(SearchQuery query)
    {
        var parts = new List<string>();
        if (Words(query) is { } words)
        {
            parts.Add(words);
        }

        parts.AddRange(query.Authors.Select(a => "byline : " + Term(a)));
        parts.AddRange(query.Sources.Select(s => "source : " + Term(s)));
        if (parts.Count == 0)
        {
            return null;
        }

        var match = string.Join(" AND ", parts.Select(p => "(" + p + ")"));
        return query.Excluded.Count > 0 ? $"({match}) NOT ({Any(query.Excluded)})" : match;
    }

    /// <summary>Article hits: slug, title, authors, date, source and snippet after the rowid.</summary>
    private static Task<List<ArticleHit>> ReadArticlesAsync(SqliteConnection connection, SqlParts sql, string text,
        IReadOnlyList<(long Id, double Score)>? ranked, CancellationToken ct) =>
        ReadHitsAsync(connection, sql, text, ranked, reader => new ArticleHit(
                reader.GetString(1),
                reader.GetString(2),
                SqliteFormats.ParseStrings(reader.GetString(3)),
                reader.IsDBNull(4) ? null : SqliteFormats.ParseDate(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                Marked(reader.IsDBNull(6) ? "" : reader.GetString(6)),
                0),
            (hit, score) => hit with { Score = score }, ct);

    // ---- highlights

    private const string HighlightColumnsSql =
        """
        h.Id, a.Slug, a.Title, h.Exact, h.Note, h.Color,
            coalesce((SELECT group_concat(t.Name, char(31)) FROM (SELECT Name FROM HighlightTags WHERE HighlightId = h.Id ORDER BY Name) AS t), ''),
            a.DeletedAt IS NOT NULL
        """;

    private static async Task<(IReadOnlyList<HighlightHit>, int)> HighlightsAsync(SqliteConnection connection, SearchRequest request, CancellationToken ct)
    {
        var query = request.Query;
        var sql = NewSql();
        var reader = HighlightReader(sql, query, request.UserId!, request.Colors);
        if (reader.Words is null)
        {
            // Filters alone: the newest highlights first, as My notes lists them.
            var total = await CountAsync(connection, sql, $"SELECT h.Id {reader.Owned}", ct);
            var rows = await ReadHighlightsAsync(connection, sql,
                $"""
                SELECT 0, {HighlightColumnsSql}, h.Exact, substr(h.Note, 1, 240)
                {reader.Owned}
                ORDER BY h.CreatedAt DESC, h.Id LIMIT {request.Limit} OFFSET {request.Offset}
                """, null, ct);
            return (rows, total);
        }

        var (window, ranked) = await RankedPageAsync(connection, sql, "HighlightSearch", HighlightWeights,
            reader.Owned, Phrase(query) is { } words ? HighlightColumns(query, words) : null, request, ct);
        if (ranked.Count == 0)
        {
            return ([], window.Total);
        }

        var hits = await ReadHighlightsAsync(connection, sql,
            $"""
            SELECT s.rowid, {HighlightColumnsSql},
                highlight(HighlightSearch, 0, '{MarkOpen}', '{MarkClose}'),
                snippet(HighlightSearch, 1, '{MarkOpen}', '{MarkClose}', '…', 24)
            FROM HighlightSearch AS s CROSS JOIN HighlightSearchRows AS r ON r.RowId = s.rowid
                CROSS JOIN Highlights AS h ON h.Id = r.HighlightId
                CROSS JOIN Articles AS a ON a.Id = h.ArticleId
            WHERE HighlightSearch MATCH {reader.Words} AND s.rowid >= {window.From} AND {Among(ranked)}
            """, ranked, ct);
        return (hits, window.Total);
    }

    /// <summary>The reader's highlights that the query matches, by id (My notes pages through them).</summary>
    public IQueryable<Guid> MatchingHighlights(AppDb db, string userId, SearchQuery query, IReadOnlyList<string> colors)
    {
        var sql = NewSql();
        var reader = HighlightReader(sql, query, userId, colors);
        return sql.Query<Guid>(db, (reader.Words is null ? "SELECT h.Id AS Value " : "SELECT r.HighlightId AS Value ") + reader.Owned);
    }

    /// <summary>
    /// The parts of a search over one reader's highlights. <see cref="Owned"/>: FROM … WHERE over the
    /// index, the words matched and the reader checked on the row map beside each match (an integer
    /// key, no highlight read); or, for filters without words, over the highlights table.
    /// <see cref="Words"/> is the words' MATCH parameter (null: no words).
    /// </summary>
    private sealed record HighlightSql(string Owned, string? Words);

    private static HighlightSql HighlightReader(SqlParts sql, SearchQuery query, string userId, IReadOnlyList<string> colors)
    {
        var user = sql.Add(userId);
        var filters = new List<string>();
        if (colors.Count > 0)
        {
            filters.Add($"h.Color IN ({string.Join(", ", colors.Select(sql.Add))})");
        }

        foreach (var tag in query.Tags)
        {
            filters.Add($"EXISTS (SELECT 1 FROM HighlightTags AS t WHERE t.HighlightId = h.Id AND t.Name = {sql.Add(tag)})");
        }

        if (query.Authors.Count > 0 || query.Sources.Count > 0)
        {
            var article = string.Join(" AND ", query.Authors.Select(a => "byline : " + Term(a)).Concat(query.Sources.Select(s => "source : " + Term(s))));
            filters.Add($"h.ArticleId IN (SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH {sql.Add(article)})");
        }

        if (query.Before is { } before)
        {
            filters.Add($"h.CreatedAt < {sql.Add(SqliteFormats.Date(before))}");
        }

        if (query.After is { } after)
        {
            filters.Add($"h.CreatedAt >= {sql.Add(SqliteFormats.Date(after))}");
        }

        filters.AddRange(StateFilters(sql, query, userId, "h.ArticleId"));

        var conditions = string.Concat(filters.Select(f => " AND " + f));
        if (Words(query) is not { } words)
        {
            var excluded = query.Excluded.Count == 0
                ? ""
                : $" AND h.Id NOT IN (SELECT r.HighlightId FROM HighlightSearch AS x CROSS JOIN HighlightSearchRows AS r ON r.RowId = x.rowid WHERE HighlightSearch MATCH {sql.Add(HighlightColumns(query, Any(query.Excluded)))} AND r.UserId = {user})";
            return new HighlightSql($"FROM Highlights AS h CROSS JOIN Articles AS a ON a.Id = h.ArticleId WHERE h.UserId = {user}{excluded}{conditions}", null);
        }

        var index = "FROM HighlightSearch AS s CROSS JOIN HighlightSearchRows AS r ON r.RowId = s.rowid"
            + (filters.Count == 0 ? "" : " CROSS JOIN Highlights AS h ON h.Id = r.HighlightId");
        var match = sql.Add(HighlightColumns(query, words));
        return new HighlightSql($"{index} WHERE HighlightSearch MATCH {match} AND r.UserId = {user}{conditions}", match);
    }

    /// <summary>The words (and exclusions) restricted to the columns <c>in:</c> names: quote, note, or both and the tags.</summary>
    private static string HighlightColumns(SearchQuery query, string words)
    {
        var columns = query.Scope switch
        {
            SearchScope.Notes => "note",
            SearchScope.Quotes => "quote",
            _ => "{quote note tags}",
        };
        var excluded = query.Excluded.Count > 0 && query.Clauses.Count > 0 ? $" NOT ({Any(query.Excluded)})" : "";
        return $"{columns} : (({words}){excluded})";
    }

    private static Task<List<HighlightHit>> ReadHighlightsAsync(SqliteConnection connection, SqlParts sql, string text,
        IReadOnlyList<(long Id, double Score)>? ranked, CancellationToken ct) =>
        ReadHitsAsync(connection, sql, text, ranked, reader => new HighlightHit(
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7).Split('\u001f', StringSplitOptions.RemoveEmptyEntries),
                Marked(reader.IsDBNull(9) ? reader.GetString(4) : reader.GetString(9)),
                Marked(reader.IsDBNull(10) ? "" : reader.GetString(10)),
                0,
                reader.GetBoolean(8)),
            (hit, score) => hit with { Score = score }, ct);

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
            ArticleState.Unread => $"{articleId} NOT IN (SELECT ArticleId FROM ReadingStates WHERE UserId = {user} AND Read = 1)",
            ArticleState.Archived => $"{articleId} IN (SELECT ArticleId FROM ReadingStates WHERE UserId = {user} AND Archived = 1)",
            _ => $"{articleId} IN (SELECT ArticleId FROM ReadingStates WHERE UserId = {user} AND Favorite = 1)",
        }).ToList();
    }

    /// <summary>
    /// The matches, newest first, read up to one past <see cref="SearchEngine.CountCap"/>: how many
    /// there are (so capped), how many of them are ranked (<see cref="SearchEngine.RankWindow"/>),
    /// and the lowest rowid among those.
    /// </summary>
    private sealed record Window(int Total, int Ranked, long From);

    private static async Task<Window> WindowAsync(SqliteConnection connection, SqlParts sql, string matches, CancellationToken ct)
    {
        await using var command = sql.Command(connection, $"{matches} ORDER BY s.rowid DESC LIMIT {SearchEngine.CountCap + 1}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var total = 0;
        long from = 0;
        while (await reader.ReadAsync(ct))
        {
            total++;
            if (total <= SearchEngine.RankWindow)
            {
                from = reader.GetInt64(0);
            }
        }

        return new Window(total, Math.Min(total, SearchEngine.RankWindow), from);
    }

    /// <summary>
    /// One page of matches in rank order, for either index (<paramref name="table"/>):
    /// <paramref name="matches"/> is its FROM … WHERE (the index as <c>s</c>, its MATCH and filters).
    /// Only the <see cref="Window"/>'s newest matches are ranked: BM25 with the columns'
    /// <paramref name="weights"/>, doubled for rows that also match <paramref name="phrase"/> (the
    /// query's words as one phrase) when there is one. Empty when nothing matched or the page is
    /// past the ranked window.
    /// </summary>
    private static async Task<(Window Window, List<(long Id, double Score)> Ranked)> RankedPageAsync(SqliteConnection connection, SqlParts sql,
        string table, string weights, string matches, string? phrase, SearchRequest request, CancellationToken ct)
    {
        var window = await WindowAsync(connection, sql, $"SELECT s.rowid {matches}", ct);
        if (window.Total == 0 || request.Offset >= window.Ranked)
        {
            return (window, []);
        }

        var boost = phrase is null
            ? "1.0"
            : $"(CASE WHEN s.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH {sql.Add(phrase)} AND rowid >= {window.From}) THEN 2.0 ELSE 1.0 END)";
        return (window, await RankAsync(connection, sql,
            $"""
            SELECT s.rowid, bm25({table}, {weights}) * {boost} AS score
            {matches} AND s.rowid >= {window.From}
            ORDER BY score, s.rowid DESC LIMIT {request.Limit} OFFSET {request.Offset}
            """, ct));
    }

    /// <summary>A page of (rowid, score), best first: BM25 is negative, lower is better; scores are turned positive.</summary>
    private static async Task<List<(long Id, double Score)>> RankAsync(SqliteConnection connection, SqlParts sql, string text, CancellationToken ct)
    {
        await using var command = sql.Command(connection, text);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ranked = new List<(long, double)>();
        while (await reader.ReadAsync(ct))
        {
            ranked.Add((reader.GetInt64(0), -reader.GetDouble(1)));
        }

        return ranked;
    }

    /// <summary>
    /// "The row is one of these": the unary plus keeps SQLite from handing the list to FTS5 as
    /// rowid lookups, each of which would seek through the words' whole doclists (~0.1 ms each);
    /// the range scan it does instead reads each of the window's rows once.
    /// </summary>
    private static string Among(IReadOnlyList<(long Id, double Score)> ranked) =>
        "+s.rowid IN (" + (ranked.Count == 0 ? "NULL" : string.Join(", ", ranked.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)))) + ")";

    /// <summary>Rows (rowid first, then <paramref name="hit"/>'s columns) in the order they come, or, given <paramref name="ranked"/>, in its order with its scores.</summary>
    private static async Task<List<T>> ReadHitsAsync<T>(SqliteConnection connection, SqlParts sql, string text,
        IReadOnlyList<(long Id, double Score)>? ranked, Func<System.Data.Common.DbDataReader, T> hit, Func<T, double, T> scored, CancellationToken ct)
    {
        await using var command = sql.Command(connection, text);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var hits = new List<(long Id, T Hit)>();
        while (await reader.ReadAsync(ct))
        {
            hits.Add((reader.GetInt64(0), hit(reader)));
        }

        return InRankOrder(hits, ranked, scored);
    }

    private static List<T> InRankOrder<T>(List<(long Id, T Hit)> rows, IReadOnlyList<(long Id, double Score)>? ranked, Func<T, double, T> scored)
    {
        if (ranked is null)
        {
            return rows.Select(r => r.Hit).ToList();
        }

        var byId = rows.ToDictionary(r => r.Id, r => r.Hit);
        return ranked.Where(r => byId.ContainsKey(r.Id)).Select(r => scored(byId[r.Id], r.Score)).ToList();
    }

    private static async Task<int> CountAsync(SqliteConnection connection, SqlParts sql, string rows, CancellationToken ct)
    {
        await using var command = sql.Command(connection, $"SELECT count(*) FROM ({rows} LIMIT {SearchEngine.CountCap + 1})");
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>The positive words as FTS5: clauses ANDed, alternatives ORed. Null when there are none.</summary>
    private static string? Words(SearchQuery query) =>
        query.Clauses.Count == 0
            ? null
            : string.Join(" AND ", query.Clauses.Select(c => c.Count == 1 ? Term(c[0]) : "(" + string.Join(" OR ", c.Select(Term)) + ")"));

    private static string Any(IReadOnlyList<SearchTerm> terms) => string.Join(" OR ", terms.Select(Term));

    /// <summary>The single words of a search of two or more, as one phrase: finding them together ranks higher.</summary>
    private static string? Phrase(SearchQuery query)
    {
        var single = query.Clauses.Where(c => c.Count == 1 && !c[0].Prefix).SelectMany(c => c[0].Words).ToList();
        return single.Count >= 2 ? Quote(string.Join(' ', single)) : null;
    }

    /// <summary>A term as an FTS5 string (a phrase when it has several words), its last word a prefix when asked.</summary>
    private static string Term(SearchTerm term) => Quote(string.Join(' ', term.Words)) + (term.Prefix ? " *" : "");

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
