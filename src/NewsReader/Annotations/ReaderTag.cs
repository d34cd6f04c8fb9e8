namespace NewsReader.Annotations;

/// <summary>
/// One of a reader's highlight tags and how many of their highlights carry it: My notes lists
/// these, and reads one row per tag instead of counting every tag of every highlight (at 100,000
/// highlights that count was most of the page's time). Kept by triggers on HighlightTags
/// (<see cref="ReaderTagCounts"/>), so every write — the API, a restore, a cascade from a
/// deleted highlight or account, raw SQL — keeps it in the same statement.
/// </summary>
public sealed class ReaderTag
{
    public required string UserId { get; set; }

    public required string Name { get; set; }

    public int Highlights { get; set; }
}

internal sealed class ReaderTagConfiguration : IEntityTypeConfiguration<ReaderTag>
{
    public void Configure(EntityTypeBuilder<ReaderTag> tag)
    {
        // Written only by triggers; read-only to EF Core.
        tag.HasKey(t => new { t.UserId, t.Name });
        tag.Property(t => t.Name).HasMaxLength(HighlightRules.MaxTagLength);
    }
}

/// <summary>The triggers that keep <see cref="ReaderTag"/> counts, and the statement that fills them from what is there.</summary>
public static class ReaderTagCounts
{
    public const string Create =
        """
        CREATE TRIGGER ReaderTags_Insert AFTER INSERT ON HighlightTags BEGIN
            INSERT INTO ReaderTags (UserId, Name, Highlights) VALUES (new.UserId, new.Name, 1)
                ON CONFLICT (UserId, Name) DO UPDATE SET Highlights = Highlights + 1;
        END;

        CREATE TRIGGER ReaderTags_Delete AFTER DELETE ON HighlightTags BEGIN
            UPDATE ReaderTags SET Highlights = Highlights - 1 WHERE UserId = old.UserId AND Name = old.Name;
            DELETE FROM ReaderTags WHERE UserId = old.UserId AND Name = old.Name AND Highlights <= 0;
        END;

        CREATE TRIGGER ReaderTags_Update AFTER UPDATE OF UserId, Name ON HighlightTags BEGIN
            UPDATE ReaderTags SET Highlights = Highlights - 1 WHERE UserId = old.UserId AND Name = old.Name;
            DELETE FROM ReaderTags WHERE UserId = old.UserId AND Name = old.Name AND Highlights <= 0;
            INSERT INTO ReaderTags (UserId, Name, Highlights) VALUES (new.UserId, new.Name, 1)
                ON CONFLICT (UserId, Name) DO UPDATE SET Highlights = Highlights + 1;
        END;

        DELETE FROM ReaderTags;
        INSERT INTO ReaderTags (UserId, Name, Highlights) SELECT UserId, Name, count(*) FROM HighlightTags GROUP BY UserId, Name;
        """;

    public const string Drop =
        """
        DROP TRIGGER IF EXISTS ReaderTags_Insert;
        DROP TRIGGER IF EXISTS ReaderTags_Delete;
        DROP TRIGGER IF EXISTS ReaderTags_Update;
        """;

    /// <summary>The same counts on PostgreSQL: one trigger function for the three events.</summary>
    public const string PostgresCreate = PostgresRowTrigger +
        """

        DELETE FROM "ReaderTags";
        INSERT INTO "ReaderTags" ("UserId", "Name", "Highlights") SELECT "UserId", "Name", count(*) FROM "HighlightTags" GROUP BY "UserId", "Name";
        """;

    /// <summary>The first migration's trigger: a call per row.</summary>
    private const string PostgresRowTrigger =
        """
        CREATE OR REPLACE FUNCTION reader_tags_count() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                UPDATE "ReaderTags" SET "Highlights" = "Highlights" - 1 WHERE "UserId" = OLD."UserId" AND "Name" = OLD."Name";
                DELETE FROM "ReaderTags" WHERE "UserId" = OLD."UserId" AND "Name" = OLD."Name" AND "Highlights" <= 0;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO "ReaderTags" ("UserId", "Name", "Highlights") VALUES (NEW."UserId", NEW."Name", 1)
                    ON CONFLICT ("UserId", "Name") DO UPDATE SET "Highlights" = "ReaderTags"."Highlights" + 1;
            END IF;
            RETURN NULL;
        END
        $$;

        CREATE TRIGGER reader_tags_count AFTER INSERT OR DELETE OR UPDATE OF "UserId", "Name" ON "HighlightTags"
            FOR EACH ROW EXECUTE FUNCTION reader_tags_count();
        """;

    /// <summary>
    /// The counts kept once per statement (migration <c>SetBasedTriggers</c>): a batch's tags,
    /// copied in one statement, are counted by one upsert per reader and tag, not one per row.
    /// </summary>
    public const string PostgresSetBased =
        """
        DROP TRIGGER reader_tags_count ON "HighlightTags";

        CREATE OR REPLACE FUNCTION reader_tags_count() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                UPDATE "ReaderTags" AS r SET "Highlights" = r."Highlights" - gone.n
                FROM (SELECT "UserId", "Name", count(*) AS n FROM removed GROUP BY "UserId", "Name") AS gone
                WHERE r."UserId" = gone."UserId" AND r."Name" = gone."Name";
                DELETE FROM "ReaderTags" AS r USING (SELECT DISTINCT "UserId", "Name" FROM removed) AS gone
                WHERE r."UserId" = gone."UserId" AND r."Name" = gone."Name" AND r."Highlights" <= 0;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO "ReaderTags" ("UserId", "Name", "Highlights")
                SELECT "UserId", "Name", count(*) FROM added GROUP BY "UserId", "Name" ORDER BY "UserId", "Name"
                ON CONFLICT ("UserId", "Name") DO UPDATE SET "Highlights" = "ReaderTags"."Highlights" + excluded."Highlights";
            END IF;
            RETURN NULL;
        END
        $$;

        CREATE TRIGGER reader_tags_count_insert AFTER INSERT ON "HighlightTags"
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION reader_tags_count();
        CREATE TRIGGER reader_tags_count_delete AFTER DELETE ON "HighlightTags"
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION reader_tags_count();
        CREATE TRIGGER reader_tags_count_update AFTER UPDATE ON "HighlightTags"
            REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION reader_tags_count();
        """;

    /// <summary><see cref="PostgresSetBased"/>' Down: a trigger call per row again.</summary>
    public const string PostgresRowLevel =
        """
        DROP TRIGGER reader_tags_count_insert ON "HighlightTags";
        DROP TRIGGER reader_tags_count_delete ON "HighlightTags";
        DROP TRIGGER reader_tags_count_update ON "HighlightTags";

        """ + PostgresRowTrigger;

    public const string PostgresDrop =
        """
        DROP TRIGGER IF EXISTS reader_tags_count ON "HighlightTags";
        DROP TRIGGER IF EXISTS reader_tags_count_insert ON "HighlightTags";
        DROP TRIGGER IF EXISTS reader_tags_count_delete ON "HighlightTags";
        DROP TRIGGER IF EXISTS reader_tags_count_update ON "HighlightTags";
        DROP FUNCTION IF EXISTS reader_tags_count();
        """;
}
