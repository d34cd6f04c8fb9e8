using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
    public const string PostgresCreate =
        """
        CREATE FUNCTION reader_tags_count() RETURNS trigger LANGUAGE plpgsql AS $$
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

        DELETE FROM "ReaderTags";
        INSERT INTO "ReaderTags" ("UserId", "Name", "Highlights") SELECT "UserId", "Name", count(*) FROM "HighlightTags" GROUP BY "UserId", "Name";
        """;

    public const string PostgresDrop =
        """
        DROP TRIGGER IF EXISTS reader_tags_count ON "HighlightTags";
        DROP FUNCTION IF EXISTS reader_tags_count();
        """;
}
