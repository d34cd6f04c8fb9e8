namespace NewsReader.Search;

/// <summary>
/// The PostgreSQL full-text index behind search (<see cref="PostgresSearchEngine"/>), and the
/// triggers that keep it: the same design as SQLite's <see cref="SearchIndex"/>, so whatever
/// writes an article or a highlight — an import, the API, a restore, re-anchoring, raw SQL —
/// changes the index in its own transaction. See README.md beside this file.
/// <list type="bullet">
/// <item><c>ArticleSearch</c>: one row per article that has a current revision: a weighted
/// <c>tsvector</c> of its title (A), byline (B), source (C) and body (D), the byline and source
/// alone (for <c>author:</c> and <c>source:</c>), and the body's text (for snippets).</item>
/// <item><c>HighlightSearch</c>: one row per highlight: its reader, a weighted <c>tsvector</c> of
/// its tags (A), quote (B) and note (C), and <c>RowId</c>, a number in the order rows were
/// indexed (a GUID has no order; the newest matches are the ones ranked).</item>
/// </list>
/// Text is read by the <c>newsreader</c> configuration: English stems, diacritics folded
/// (<c>unaccent</c>), case folded, and no stop words (SQLite's porter tokenizer has none: "the
/// who" is a phrase). Every ASCII symbol is a separator before PostgreSQL's parser sees the text
/// (<c>SearchText</c>), as in SQLite's unicode61 tokenizer and <see cref="SearchQuery.Words"/>:
/// <c>e-mail</c>, <c>example.com</c> and <c>&lt;b&gt;</c> are read as their words, never as a
/// compound, a host name or an HTML tag (which the parser would drop). Fields are a position
/// apart in a document (<c>SearchGap</c>), so no phrase runs from a title into a byline.
/// </summary>
public static class PostgresSearchIndex
{
    /// <summary>The text search configuration that reads documents and queries alike.</summary>
    public const string Configuration = "newsreader";

    /// <summary>
    /// Creates the index, its functions and triggers, and fills it from what the database holds.
    /// Run by a migration (<c>migrationBuilder.Sql</c>), in its transaction.
    /// </summary>
    public const string Create =
        $$"""
        CREATE EXTENSION IF NOT EXISTS unaccent;

        CREATE TEXT SEARCH DICTIONARY {{Configuration}}_stem (TEMPLATE = snowball, Language = english);

        CREATE TEXT SEARCH CONFIGURATION {{Configuration}} (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION {{Configuration}}
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH {{Configuration}}_stem;
        ALTER TEXT SEARCH CONFIGURATION {{Configuration}}
            ALTER MAPPING FOR word, hword, hword_part WITH unaccent, {{Configuration}}_stem;
        ALTER TEXT SEARCH CONFIGURATION {{Configuration}}
            ALTER MAPPING FOR numword, numhword, hword_numpart WITH unaccent, simple;

        -- One character for one: snippets map a headline of this text back onto the original.
        -- The search marks (U+E000, U+E001) go too, so a text cannot forge them.
        CREATE FUNCTION "SearchText"(value text) RETURNS text
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN translate(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~' || chr(57344) || chr(57345), repeat(' ', 34));

        -- A lexeme no query can hold (the parser never makes a space a word), between fields.
        CREATE FUNCTION "SearchGap"() RETURNS tsvector
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            RETURN ''' '':1'::tsvector;

        CREATE FUNCTION "SearchWords"(value text) RETURNS tsvector
            LANGUAGE sql STABLE PARALLEL SAFE
            RETURN to_tsvector('{{Configuration}}', "SearchText"(coalesce(value, '')));

        CREATE TABLE "ArticleSearch" (
            "ArticleId" integer PRIMARY KEY REFERENCES "Articles" ("Id") ON DELETE CASCADE,
            "Document" tsvector NOT NULL,
            "BylineWords" tsvector NOT NULL,
            "SourceWords" tsvector NOT NULL,
            "Body" text NOT NULL
        );

        CREATE INDEX "IX_ArticleSearch_Document" ON "ArticleSearch" USING gin ("Document");

        CREATE TABLE "HighlightSearch" (
            "HighlightId" uuid PRIMARY KEY REFERENCES "Highlights" ("Id") ON DELETE CASCADE,
            "RowId" bigint GENERATED ALWAYS AS IDENTITY,
            "UserId" text NOT NULL,
            "Document" tsvector NOT NULL
        );

        CREATE INDEX "IX_HighlightSearch_Document" ON "HighlightSearch" USING gin ("Document");

        CREATE INDEX "IX_HighlightSearch_UserId_RowId" ON "HighlightSearch" ("UserId", "RowId");

        -- (Re)indexes these articles from their current revision; one without (deleted) leaves.
        CREATE FUNCTION "ArticleSearch_Refresh"(articles integer[]) RETURNS void
            LANGUAGE plpgsql AS $fn$
        BEGIN
            INSERT INTO "ArticleSearch" ("ArticleId", "Document", "BylineWords", "SourceWords", "Body")
            SELECT a."Id",
                setweight("SearchWords"(a."Title"), 'A') || "SearchGap"()
                    || setweight("SearchWords"(f.byline), 'B') || "SearchGap"()
                    || setweight("SearchWords"(a."Source"), 'C') || "SearchGap"()
                    || setweight("SearchWords"(f.body), 'D'),
                "SearchWords"(f.byline),
                "SearchWords"(a."Source"),
                f.body
            FROM "Articles" AS a
            JOIN "ArticleRevisions" AS r ON r."Id" = a."CurrentRevisionId"
            CROSS JOIN LATERAL (
                SELECT array_to_string(a."Authors", ', ') AS byline,
                    coalesce((SELECT string_agg(b.block ->> 'text', chr(10) ORDER BY b.n)
                        FROM json_array_elements(r."BlocksJson"::json) WITH ORDINALITY AS b(block, n)), '') AS body
            ) AS f
            WHERE a."Id" = ANY (articles)
            ON CONFLICT ("ArticleId") DO UPDATE SET
                "Document" = excluded."Document",
                "BylineWords" = excluded."BylineWords",
                "SourceWords" = excluded."SourceWords",
                "Body" = excluded."Body";

            DELETE FROM "ArticleSearch" AS s
            WHERE s."ArticleId" = ANY (articles)
                AND NOT EXISTS (SELECT 1 FROM "Articles" AS a JOIN "ArticleRevisions" AS r ON r."Id" = a."CurrentRevisionId"
                    WHERE a."Id" = s."ArticleId");
        END
        $fn$;

        -- (Re)indexes these highlights with their tags, new ones numbered in the order given.
        CREATE FUNCTION "HighlightSearch_Refresh"(highlights uuid[]) RETURNS void
            LANGUAGE plpgsql AS $fn$
        BEGIN
            INSERT INTO "HighlightSearch" ("HighlightId", "UserId", "Document")
            SELECT h."Id", h."UserId",
                setweight("SearchWords"(h."Exact"), 'B') || "SearchGap"()
                    || setweight("SearchWords"(h."Note"), 'C') || "SearchGap"()
                    || setweight("SearchWords"((SELECT string_agg(t."Name", ' ') FROM "HighlightTags" AS t WHERE t."HighlightId" = h."Id")), 'A')
            FROM unnest(highlights) WITH ORDINALITY AS i(id, n)
            JOIN "Highlights" AS h ON h."Id" = i.id
            ORDER BY i.n
            ON CONFLICT ("HighlightId") DO UPDATE SET
                "UserId" = excluded."UserId",
                "Document" = excluded."Document";
        END
        $fn$;

        CREATE FUNCTION "ArticleSearch_OnArticle"() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM "ArticleSearch_Refresh"(ARRAY[NEW."Id"]);
            RETURN NULL;
        END
        $fn$;

        -- For writers that insert the article first, naming a revision they insert after it.
        CREATE FUNCTION "ArticleSearch_OnRevision"() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
        BEGIN
            -- The article's row lock orders this against a concurrent change of the article
            -- (whose trigger holds it): the later one re-reads and rewrites the row.
            PERFORM 1 FROM "Articles" WHERE "Id" = NEW."ArticleId" AND "CurrentRevisionId" = NEW."Id" FOR NO KEY UPDATE;
            IF FOUND THEN
                PERFORM "ArticleSearch_Refresh"(ARRAY[NEW."ArticleId"]);
            END IF;
            RETURN NULL;
        END
        $fn$;

        CREATE FUNCTION "HighlightSearch_OnHighlight"() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM "HighlightSearch_Refresh"(ARRAY[NEW."Id"]);
            RETURN NULL;
        END
        $fn$;

        {{RowTagIndexer}}

        CREATE TRIGGER "ArticleSearch_Insert" AFTER INSERT ON "Articles"
            FOR EACH ROW EXECUTE FUNCTION "ArticleSearch_OnArticle"();

        CREATE TRIGGER "ArticleSearch_Update" AFTER UPDATE OF "Title", "Authors", "Source", "CurrentRevisionId" ON "Articles"
            FOR EACH ROW
            WHEN (OLD."Title" IS DISTINCT FROM NEW."Title" OR OLD."Authors" IS DISTINCT FROM NEW."Authors"
                OR OLD."Source" IS DISTINCT FROM NEW."Source" OR OLD."CurrentRevisionId" IS DISTINCT FROM NEW."CurrentRevisionId")
            EXECUTE FUNCTION "ArticleSearch_OnArticle"();

        CREATE TRIGGER "ArticleSearch_Revision" AFTER INSERT ON "ArticleRevisions"
            FOR EACH ROW EXECUTE FUNCTION "ArticleSearch_OnRevision"();

        CREATE TRIGGER "HighlightSearch_Insert" AFTER INSERT ON "Highlights"
            FOR EACH ROW EXECUTE FUNCTION "HighlightSearch_OnHighlight"();

        CREATE TRIGGER "HighlightSearch_Update" AFTER UPDATE OF "Exact", "Note", "UserId" ON "Highlights"
            FOR EACH ROW
            WHEN (OLD."Exact" IS DISTINCT FROM NEW."Exact" OR OLD."Note" IS DISTINCT FROM NEW."Note" OR OLD."UserId" IS DISTINCT FROM NEW."UserId")
            EXECUTE FUNCTION "HighlightSearch_OnHighlight"();

        CREATE TRIGGER "HighlightSearch_Tag" AFTER INSERT OR UPDATE OR DELETE ON "HighlightTags"
            FOR EACH ROW EXECUTE FUNCTION "HighlightSearch_OnTag"();

        -- Deletes need no trigger: the index's rows go with their article or highlight (ON DELETE CASCADE).

        SELECT "ArticleSearch_Refresh"(array_agg("Id")) FROM "Articles";

        SELECT "HighlightSearch_Refresh"(array_agg("Id" ORDER BY "CreatedAt", "Id")) FROM "Highlights";
        """;

    /// <summary>The first migration's tag trigger function: a highlight indexed again for each tag row.</summary>
    private const string RowTagIndexer =
        """
        CREATE FUNCTION "HighlightSearch_OnTag"() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
        DECLARE
            highlight uuid;
        BEGIN
            FOREACH highlight IN ARRAY CASE TG_OP
                WHEN 'INSERT' THEN ARRAY[NEW."HighlightId"]
                WHEN 'DELETE' THEN ARRAY[OLD."HighlightId"]
                ELSE ARRAY[OLD."HighlightId", NEW."HighlightId"] END
            LOOP
                -- The highlight's row lock orders two transactions tagging one highlight: the
                -- later one reads the other's tags once it has committed, and keeps them.
                -- (A highlight being deleted is gone: nothing to lock or index.)
                PERFORM 1 FROM "Highlights" WHERE "Id" = highlight FOR NO KEY UPDATE;
                IF FOUND THEN
                    PERFORM "HighlightSearch_Refresh"(ARRAY[highlight]);
                END IF;
            END LOOP;
            RETURN NULL;
        END
        $fn$;
        """;

    /// <summary>
    /// New highlights and tag changes indexed once per statement rather than once per row
    /// (migration <c>SetBasedTriggers</c>): a batch of highlights copied in one statement, then
    /// its tags in another, is indexed by one call each, and a highlight's tags no longer make
    /// it indexed again once per tag. Statement-level triggers see the rows in transition
    /// tables, which PostgreSQL allows for one event per trigger, so tags have three. The row
    /// triggers for changed text (<c>HighlightSearch_Update</c>) stay: transition tables cannot
    /// go with an <c>UPDATE OF</c> column list.
    /// </summary>
    public const string SetBasedTriggers =
        """
        DROP TRIGGER "HighlightSearch_Insert" ON "Highlights";
        DROP TRIGGER "HighlightSearch_Tag" ON "HighlightTags";
        DROP FUNCTION "HighlightSearch_OnTag"();

        CREATE FUNCTION "HighlightSearch_OnInsert"() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
        BEGIN
            -- In the order inserted: RowId numbers them so.
            PERFORM "HighlightSearch_Refresh"(ARRAY(SELECT "Id" FROM added));
            RETURN NULL;
        END
        $fn$;

        CREATE FUNCTION "HighlightSearch_OnTags"() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
        DECLARE
            touched uuid[];
        BEGIN
            IF TG_OP = 'INSERT' THEN
                touched := ARRAY(SELECT "HighlightId" FROM added);
            ELSIF TG_OP = 'DELETE' THEN
                touched := ARRAY(SELECT "HighlightId" FROM removed);
            ELSE
                touched := ARRAY(SELECT "HighlightId" FROM added UNION ALL SELECT "HighlightId" FROM removed);
            END IF;
            -- The highlights' row locks, taken in one order, order two transactions tagging one
            -- highlight: the later one reads the other's tags once it has committed, and keeps
            -- them. (A highlight being deleted is gone: nothing to lock or index.)
            touched := ARRAY(SELECT "Id" FROM "Highlights" WHERE "Id" = ANY (touched) ORDER BY "Id" FOR NO KEY UPDATE);
            IF cardinality(touched) > 0 THEN
                PERFORM "HighlightSearch_Refresh"(touched);
            END IF;
            RETURN NULL;
        END
        $fn$;

        CREATE TRIGGER "HighlightSearch_Insert" AFTER INSERT ON "Highlights"
            REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION "HighlightSearch_OnInsert"();

        CREATE TRIGGER "HighlightSearch_TagInsert" AFTER INSERT ON "HighlightTags"
            REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION "HighlightSearch_OnTags"();

        CREATE TRIGGER "HighlightSearch_TagDelete" AFTER DELETE ON "HighlightTags"
            REFERENCING OLD TABLE AS removed
            FOR EACH STATEMENT EXECUTE FUNCTION "HighlightSearch_OnTags"();

        CREATE TRIGGER "HighlightSearch_TagUpdate" AFTER UPDATE ON "HighlightTags"
            REFERENCING OLD TABLE AS removed NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION "HighlightSearch_OnTags"();
        """;

    /// <summary>
    /// The write triggers' statements are planned for each call, with the batch's ids in hand
    /// (migration <c>TriggerPlansPerCall</c>). PL/pgSQL otherwise keeps a generic plan made on
    /// the sixth call of a connection: on a new or small database that plan scanned the whole
    /// table, and it stayed until autovacuum's next ANALYZE, while the table grew under it (the
    /// bench's writes: a third of the server's time went to those scans). Planning a few
    /// statements per batch costs far less.
    /// </summary>
    public const string PlansPerCall =
        """
        ALTER FUNCTION "HighlightSearch_Refresh"(uuid[]) SET plan_cache_mode = force_custom_plan;
        ALTER FUNCTION "HighlightSearch_OnTags"() SET plan_cache_mode = force_custom_plan;
        ALTER FUNCTION reader_tags_count() SET plan_cache_mode = force_custom_plan;
        """;

    public const string PlansCached =
        """
        ALTER FUNCTION "HighlightSearch_Refresh"(uuid[]) RESET plan_cache_mode;
        ALTER FUNCTION "HighlightSearch_OnTags"() RESET plan_cache_mode;
        ALTER FUNCTION reader_tags_count() RESET plan_cache_mode;
        """;

    /// <summary>Back to a trigger call per row (<see cref="SetBasedTriggers"/>' Down): the first migration's triggers.</summary>
    public const string RowTriggers =
        $$"""
        DROP TRIGGER "HighlightSearch_Insert" ON "Highlights";
        DROP TRIGGER "HighlightSearch_TagInsert" ON "HighlightTags";
        DROP TRIGGER "HighlightSearch_TagDelete" ON "HighlightTags";
        DROP TRIGGER "HighlightSearch_TagUpdate" ON "HighlightTags";
        DROP FUNCTION "HighlightSearch_OnInsert"();
        DROP FUNCTION "HighlightSearch_OnTags"();

        {{RowTagIndexer}}

        CREATE TRIGGER "HighlightSearch_Insert" AFTER INSERT ON "Highlights"
            FOR EACH ROW EXECUTE FUNCTION "HighlightSearch_OnHighlight"();

        CREATE TRIGGER "HighlightSearch_Tag" AFTER INSERT OR UPDATE OR DELETE ON "HighlightTags"
            FOR EACH ROW EXECUTE FUNCTION "HighlightSearch_OnTag"();
        """;

    /// <summary>Removes the index, its functions and triggers (the migration's Down). The <c>unaccent</c> extension stays: others may use it.</summary>
    public const string Drop =
        $$"""
        DROP TRIGGER IF EXISTS "ArticleSearch_Insert" ON "Articles";
        DROP TRIGGER IF EXISTS "ArticleSearch_Update" ON "Articles";
        DROP TRIGGER IF EXISTS "ArticleSearch_Revision" ON "ArticleRevisions";
        DROP TRIGGER IF EXISTS "HighlightSearch_Insert" ON "Highlights";
        DROP TRIGGER IF EXISTS "HighlightSearch_Update" ON "Highlights";
        DROP TRIGGER IF EXISTS "HighlightSearch_Tag" ON "HighlightTags";
        DROP TRIGGER IF EXISTS "HighlightSearch_TagInsert" ON "HighlightTags";
        DROP TRIGGER IF EXISTS "HighlightSearch_TagDelete" ON "HighlightTags";
        DROP TRIGGER IF EXISTS "HighlightSearch_TagUpdate" ON "HighlightTags";
        DROP FUNCTION IF EXISTS "ArticleSearch_OnArticle"();
        DROP FUNCTION IF EXISTS "ArticleSearch_OnRevision"();
        DROP FUNCTION IF EXISTS "HighlightSearch_OnHighlight"();
        DROP FUNCTION IF EXISTS "HighlightSearch_OnTag"();
        DROP FUNCTION IF EXISTS "HighlightSearch_OnTags"();
        DROP FUNCTION IF EXISTS "HighlightSearch_OnInsert"();
        DROP FUNCTION IF EXISTS "ArticleSearch_Refresh"(integer[]);
        DROP FUNCTION IF EXISTS "HighlightSearch_Refresh"(uuid[]);
        DROP TABLE IF EXISTS "HighlightSearch";
        DROP TABLE IF EXISTS "ArticleSearch";
        DROP FUNCTION IF EXISTS "SearchWords"(text);
        DROP FUNCTION IF EXISTS "SearchGap"();
        DROP FUNCTION IF EXISTS "SearchText"(text);
        DROP TEXT SEARCH CONFIGURATION IF EXISTS {{Configuration}};
        DROP TEXT SEARCH DICTIONARY IF EXISTS {{Configuration}}_stem;
        """;
}
