CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "Articles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Articles" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "SourceName" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Authors" TEXT NOT NULL,
    "PublishedOn" TEXT NULL,
    "SortDate" TEXT NOT NULL,
    "Source" TEXT NULL,
    "Place" TEXT NULL,
    "Format" TEXT NOT NULL,
    "WordCount" INTEGER NOT NULL,
    "CurrentRevisionId" INTEGER NOT NULL,
    "RevisionNumber" INTEGER NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "ImportedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "ArticleRevisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ArticleRevisions" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "SourceText" TEXT NOT NULL,
    "BlocksJson" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_ArticleRevisions_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ArticleNotes" (
    "UserId" TEXT NOT NULL,
    "ArticleId" INTEGER NOT NULL,
    "Note" TEXT NOT NULL,
    "NoteHtml" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_ArticleNotes" PRIMARY KEY ("UserId", "ArticleId"),
    CONSTRAINT "FK_ArticleNotes_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ArticleNotes_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ColorLabels" (
    "UserId" TEXT NOT NULL,
    "Color" TEXT NOT NULL,
    "Label" TEXT NOT NULL,
    CONSTRAINT "PK_ColorLabels" PRIMARY KEY ("UserId", "Color"),
    CONSTRAINT "FK_ColorLabels_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Highlights" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Highlights" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "ArticleId" INTEGER NOT NULL,
    "RevisionId" INTEGER NOT NULL,
    "StartAnchor" TEXT NOT NULL,
    "StartOffset" INTEGER NOT NULL,
    "EndAnchor" TEXT NOT NULL,
    "EndOffset" INTEGER NOT NULL,
    "StartBlock" INTEGER NOT NULL,
    "EndBlock" INTEGER NOT NULL,
    "Exact" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Suffix" TEXT NOT NULL,
    "Color" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "NoteHtml" TEXT NOT NULL,
    "IsOrphan" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Highlights_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Highlights_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HighlightTags" (
    "HighlightId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "PK_HighlightTags" PRIMARY KEY ("HighlightId", "Name"),
    CONSTRAINT "FK_HighlightTags_Highlights_HighlightId" FOREIGN KEY ("HighlightId") REFERENCES "Highlights" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ArticleNotes_ArticleId" ON "ArticleNotes" ("ArticleId");

CREATE UNIQUE INDEX "IX_ArticleRevisions_ArticleId_Number" ON "ArticleRevisions" ("ArticleId", "Number");

CREATE INDEX "IX_Articles_ContentHash" ON "Articles" ("ContentHash");

CREATE UNIQUE INDEX "IX_Articles_Slug" ON "Articles" ("Slug");

CREATE INDEX "IX_Articles_SortDate_Id" ON "Articles" ("SortDate", "Id");

CREATE UNIQUE INDEX "IX_Articles_SourceName" ON "Articles" ("SourceName");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_Highlights_ArticleId" ON "Highlights" ("ArticleId");

CREATE INDEX "IX_Highlights_UserId_ArticleId_StartBlock_StartOffset" ON "Highlights" ("UserId", "ArticleId", "StartBlock", "StartOffset");

CREATE INDEX "IX_Highlights_UserId_CreatedAt" ON "Highlights" ("UserId", "CreatedAt");

CREATE INDEX "IX_HighlightTags_Name" ON "HighlightTags" ("Name");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126171121_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Highlights_UserId_Color_CreatedAt" ON "Highlights" ("UserId", "Color", "CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126185352_HighlightsByColor', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "HighlightTags" ADD "UserId" TEXT NOT NULL DEFAULT '';

UPDATE "HighlightTags" SET "UserId" = (SELECT "h"."UserId" FROM "Highlights" AS "h" WHERE "h"."Id" = "HighlightTags"."HighlightId");

CREATE INDEX "IX_HighlightTags_UserId_Name" ON "HighlightTags" ("UserId", "Name");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261126190646_TagsByReader', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Highlights" ADD "Version" INTEGER NOT NULL DEFAULT 1;

ALTER TABLE "ArticleNotes" ADD "Version" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "ServerSecrets" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_ServerSecrets" PRIMARY KEY,
    "Value" TEXT NOT NULL
);

CREATE TABLE "UserSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UserSessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Ticket" BLOB NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastSeenAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NULL,
    "Device" TEXT NOT NULL,
    CONSTRAINT "FK_UserSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_UserSessions_UserId_LastSeenAt" ON "UserSessions" ("UserId", "LastSeenAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207021201_Hardening', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE VIRTUAL TABLE ArticleSearch USING fts5(title, byline, source, body, tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TABLE HighlightSearchRows (RowId INTEGER PRIMARY KEY, HighlightId TEXT NOT NULL UNIQUE, UserId TEXT NOT NULL);

CREATE VIRTUAL TABLE HighlightSearch USING fts5(quote, note, tags, tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TRIGGER ArticleSearch_Insert AFTER INSERT ON Articles BEGIN
    INSERT INTO ArticleSearch(rowid, title, byline, source, body)
    SELECT a.Id, a.Title,
        coalesce((SELECT group_concat(value, ', ') FROM json_each(a.Authors)), ''),
        coalesce(a.Source, ''),
        coalesce((SELECT group_concat(json_extract(b.value, '$.text'), char(10)) FROM json_each(r.BlocksJson) AS b), '')
    FROM Articles AS a JOIN ArticleRevisions AS r ON r.Id = a.CurrentRevisionId WHERE a.Id = new.Id;
END;

CREATE TRIGGER ArticleSearch_Update AFTER UPDATE OF Title, Authors, Source, CurrentRevisionId ON Articles BEGIN
    DELETE FROM ArticleSearch WHERE rowid = old.Id;
    INSERT INTO ArticleSearch(rowid, title, byline, source, body)
    SELECT a.Id, a.Title,
        coalesce((SELECT group_concat(value, ', ') FROM json_each(a.Authors)), ''),
        coalesce(a.Source, ''),
        coalesce((SELECT group_concat(json_extract(b.value, '$.text'), char(10)) FROM json_each(r.BlocksJson) AS b), '')
    FROM Articles AS a JOIN ArticleRevisions AS r ON r.Id = a.CurrentRevisionId WHERE a.Id = new.Id;
END;

CREATE TRIGGER ArticleSearch_Revision AFTER INSERT ON ArticleRevisions
    WHEN EXISTS (SELECT 1 FROM Articles WHERE Id = new.ArticleId AND CurrentRevisionId = new.Id) BEGIN
    DELETE FROM ArticleSearch WHERE rowid = new.ArticleId;
    INSERT INTO ArticleSearch(rowid, title, byline, source, body)
    SELECT a.Id, a.Title,
        coalesce((SELECT group_concat(value, ', ') FROM json_each(a.Authors)), ''),
        coalesce(a.Source, ''),
        coalesce((SELECT group_concat(json_extract(b.value, '$.text'), char(10)) FROM json_each(r.BlocksJson) AS b), '')
    FROM Articles AS a JOIN ArticleRevisions AS r ON r.Id = a.CurrentRevisionId WHERE a.Id = new.ArticleId;
END;

CREATE TRIGGER ArticleSearch_Delete AFTER DELETE ON Articles BEGIN
    DELETE FROM ArticleSearch WHERE rowid = old.Id;
END;

CREATE TRIGGER HighlightSearch_Insert AFTER INSERT ON Highlights BEGIN
    INSERT INTO HighlightSearchRows (HighlightId, UserId) VALUES (new.Id, new.UserId);
    INSERT INTO HighlightSearch(rowid, quote, note, tags)
        VALUES ((SELECT RowId FROM HighlightSearchRows WHERE HighlightId = new.Id), new.Exact, new.Note, coalesce((SELECT group_concat(Name, ' ') FROM HighlightTags WHERE HighlightId = new.Id), ''));
END;

CREATE TRIGGER HighlightSearch_Update AFTER UPDATE OF Exact, Note, UserId ON Highlights BEGIN
    UPDATE HighlightSearchRows SET UserId = new.UserId WHERE HighlightId = new.Id;
    UPDATE HighlightSearch SET quote = new.Exact, note = new.Note
        WHERE rowid = (SELECT RowId FROM HighlightSearchRows WHERE HighlightId = new.Id);
END;

CREATE TRIGGER HighlightSearch_Delete AFTER DELETE ON Highlights BEGIN
    DELETE FROM HighlightSearch WHERE rowid = (SELECT RowId FROM HighlightSearchRows WHERE HighlightId = old.Id);
    DELETE FROM HighlightSearchRows WHERE HighlightId = old.Id;
END;

CREATE TRIGGER HighlightSearch_TagInsert AFTER INSERT ON HighlightTags BEGIN
    UPDATE HighlightSearch SET tags = coalesce((SELECT group_concat(Name, ' ') FROM HighlightTags WHERE HighlightId = new.HighlightId), '')
        WHERE rowid = (SELECT RowId FROM HighlightSearchRows WHERE HighlightId = new.HighlightId);
END;

CREATE TRIGGER HighlightSearch_TagDelete AFTER DELETE ON HighlightTags BEGIN
    UPDATE HighlightSearch SET tags = coalesce((SELECT group_concat(Name, ' ') FROM HighlightTags WHERE HighlightId = old.HighlightId), '')
        WHERE rowid = (SELECT RowId FROM HighlightSearchRows WHERE HighlightId = old.HighlightId);
END;

INSERT INTO ArticleSearch(rowid, title, byline, source, body)
    SELECT a.Id, a.Title,
        coalesce((SELECT group_concat(value, ', ') FROM json_each(a.Authors)), ''),
        coalesce(a.Source, ''),
        coalesce((SELECT group_concat(json_extract(b.value, '$.text'), char(10)) FROM json_each(r.BlocksJson) AS b), '')
    FROM Articles AS a JOIN ArticleRevisions AS r ON r.Id = a.CurrentRevisionId;

INSERT INTO HighlightSearchRows (HighlightId, UserId) SELECT Id, UserId FROM Highlights ORDER BY CreatedAt;

INSERT INTO HighlightSearch(rowid, quote, note, tags)
    SELECT r.RowId, h.Exact, h.Note, coalesce((SELECT group_concat(Name, ' ') FROM HighlightTags WHERE HighlightId = h.Id), '')
    FROM Highlights AS h JOIN HighlightSearchRows AS r ON r.HighlightId = h.Id;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207040007_Search', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ReadingStates" (
    "UserId" TEXT NOT NULL,
    "ArticleId" INTEGER NOT NULL,
    "Read" INTEGER NOT NULL,
    "Archived" INTEGER NOT NULL,
    "Favorite" INTEGER NOT NULL,
    "Progress" REAL NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_ReadingStates" PRIMARY KEY ("UserId", "ArticleId"),
    CONSTRAINT "FK_ReadingStates_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ReadingStates_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ReadingStates_ArticleId" ON "ReadingStates" ("ArticleId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207054521_ReadingState', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Articles" ADD "DeletedAt" TEXT NULL;

ALTER TABLE "Articles" ADD "FileTitle" TEXT NOT NULL DEFAULT '';

UPDATE "Articles" SET "FileTitle" = "Title";

CREATE TABLE "ArticleTags" (
    "UserId" TEXT NOT NULL,
    "ArticleId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "PK_ArticleTags" PRIMARY KEY ("UserId", "ArticleId", "Name"),
    CONSTRAINT "FK_ArticleTags_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ArticleTags_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Articles_ImportedAt_Id" ON "Articles" ("ImportedAt", "Id");

CREATE INDEX "IX_ArticleTags_ArticleId" ON "ArticleTags" ("ArticleId");

CREATE INDEX "IX_ArticleTags_UserId_Name_ArticleId" ON "ArticleTags" ("UserId", "Name", "ArticleId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207063521_LibraryTagsAndDeletion', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AspNetUsers" ADD "CreatedAt" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207064836_AccountCreatedAt', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ReaderTags" (
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Highlights" INTEGER NOT NULL,
    CONSTRAINT "PK_ReaderTags" PRIMARY KEY ("UserId", "Name")
);

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

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207071729_ReaderTagCounts', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "RevisionNotices" (
    "UserId" TEXT NOT NULL,
    "ArticleId" INTEGER NOT NULL,
    "Moved" INTEGER NOT NULL,
    "Found" INTEGER NOT NULL,
    "Detached" INTEGER NOT NULL,
    CONSTRAINT "PK_RevisionNotices" PRIMARY KEY ("UserId", "ArticleId"),
    CONSTRAINT "FK_RevisionNotices_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RevisionNotices_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RevisionNotices_ArticleId" ON "RevisionNotices" ("ArticleId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207140452_RevisionNotices', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ChangeCounters" ("Name" TEXT NOT NULL PRIMARY KEY, "Version" BIGINT NOT NULL);
INSERT INTO "ChangeCounters" ("Name", "Version") VALUES ('sessions', 0), ('articles', 0);
CREATE TRIGGER "ChangeCounters_UserSessions_INSERT" AFTER INSERT ON "UserSessions" BEGIN UPDATE "ChangeCounters" SET "Version" = "Version" + 1 WHERE "Name" = 'sessions'; END;
CREATE TRIGGER "ChangeCounters_UserSessions_UPDATE" AFTER UPDATE ON "UserSessions" BEGIN UPDATE "ChangeCounters" SET "Version" = "Version" + 1 WHERE "Name" = 'sessions'; END;
CREATE TRIGGER "ChangeCounters_UserSessions_DELETE" AFTER DELETE ON "UserSessions" BEGIN UPDATE "ChangeCounters" SET "Version" = "Version" + 1 WHERE "Name" = 'sessions'; END;
CREATE TRIGGER "ChangeCounters_Articles_INSERT" AFTER INSERT ON "Articles" BEGIN UPDATE "ChangeCounters" SET "Version" = "Version" + 1 WHERE "Name" = 'articles'; END;
CREATE TRIGGER "ChangeCounters_Articles_UPDATE" AFTER UPDATE ON "Articles" BEGIN UPDATE "ChangeCounters" SET "Version" = "Version" + 1 WHERE "Name" = 'articles'; END;
CREATE TRIGGER "ChangeCounters_Articles_DELETE" AFTER DELETE ON "Articles" BEGIN UPDATE "ChangeCounters" SET "Version" = "Version" + 1 WHERE "Name" = 'articles'; END;


INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207204027_ChangeCounters', '10.0.15');

COMMIT;

