namespace NewsReader.Data;

/// <summary>
/// What a cache depends on, counted on its own: the sign-in sessions, the articles. Triggers on
/// those tables add one to their counter in the writing transaction, whoever writes (this
/// process, the CLI, another instance, raw SQL), so a cache of sessions or article headers stays
/// valid while only highlights and notes are being written, where <see cref="DataVersion"/>'s
/// version of everything changes with every commit. The counters live in a table the EF Core
/// model does not know (created by the migrations <c>ChangeCounters</c>).
/// </summary>
public static class ChangeCounters
{
    public const string Sessions = "sessions";
    public const string Articles = "articles";

    /// <summary>Which table's writes count for which counter.</summary>
    private static readonly (string Table, string Counter)[] Watched = [("UserSessions", Sessions), ("Articles", Articles)];

    public const string Read = "SELECT \"Name\", \"Version\" FROM \"ChangeCounters\"";

    private const string Create = "CREATE TABLE \"ChangeCounters\" (\"Name\" TEXT NOT NULL PRIMARY KEY, \"Version\" BIGINT NOT NULL);\n"
        + "INSERT INTO \"ChangeCounters\" (\"Name\", \"Version\") VALUES ('" + Sessions + "', 0), ('" + Articles + "', 0);\n";

    /// <summary>SQLite: a row trigger per table and kind of write.</summary>
    public static string SqliteUp() => Create + string.Concat(Watched.SelectMany(w => Writes.Select(write =>
        $"CREATE TRIGGER \"{Trigger(w.Table, write)}\" AFTER {write} ON \"{w.Table}\" BEGIN "
        + $"UPDATE \"ChangeCounters\" SET \"Version\" = \"Version\" + 1 WHERE \"Name\" = '{w.Counter}'; END;\n")));

    public static string SqliteDown() => string.Concat(Watched.SelectMany(w => Writes.Select(write =>
        $"DROP TRIGGER \"{Trigger(w.Table, write)}\";\n"))) + "DROP TABLE \"ChangeCounters\";\n";

    /// <summary>PostgreSQL: one statement-level trigger per table, for every kind of write.</summary>
    public static string PostgresUp() => Create
        + "CREATE FUNCTION newsreader_count_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "UPDATE \"ChangeCounters\" SET \"Version\" = \"Version\" + 1 WHERE \"Name\" = TG_ARGV[0]; RETURN NULL; END $$;\n"
        + string.Concat(Watched.Select(w =>
            $"CREATE TRIGGER \"{Trigger(w.Table, "WRITE")}\" AFTER INSERT OR UPDATE OR DELETE ON \"{w.Table}\" "
            + $"FOR EACH STATEMENT EXECUTE FUNCTION newsreader_count_change('{w.Counter}');\n"));

    public static string PostgresDown() => string.Concat(Watched.Select(w => $"DROP TRIGGER \"{Trigger(w.Table, "WRITE")}\" ON \"{w.Table}\";\n"))
        + "DROP FUNCTION newsreader_count_change();\nDROP TABLE \"ChangeCounters\";\n";

    private static readonly string[] Writes = ["INSERT", "UPDATE", "DELETE"];

    private static string Trigger(string table, string write) => $"ChangeCounters_{table}_{write}";
}
