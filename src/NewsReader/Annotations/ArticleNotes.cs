namespace NewsReader.Annotations;

/// <summary>What saving an article note came to; <see cref="Html"/> is the saved note's.</summary>
public sealed record ArticleNoteSaved(string? Problem, int Version, bool Conflict = false, string Html = "")
{
    public static ArticleNoteSaved Refused(string problem) => new(problem, 0);
}

public static class ArticleNotes
{
    /// <summary>
    /// Saves (or, when empty, removes) a reader's note on an article. With
    /// <paramref name="expectedVersion"/> (the client's If-Match; 0 for "no note yet") the save
    /// happens only if the note is still that version, else it is a conflict; without it, the
    /// last write wins. Each step is one statement, so two clients saving at once (even the first
    /// note, from two tabs) never fail: the insert that loses the race becomes an update.
    /// </summary>
    public static async Task<ArticleNoteSaved> SaveAsync(AppDb db, string userId, int articleId, string note, TimeProvider clock,
        CancellationToken ct, int? expectedVersion = null)
    {
        if (note.Length > HighlightRules.MaxNoteLength)
        {
            return ArticleNoteSaved.Refused(HighlightRules.NoteTooLong(note.Length, "Article note"));
        }

        if (!NoteMarkdown.TryToHtml(note, out var html))
        {
            return ArticleNoteSaved.Refused(NoteMarkdown.TooDeeplyNested);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.ArticleNotes.Where(n => n.UserId == userId && n.ArticleId == articleId);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var matching = expectedVersion is int expected && expected > 0 ? mine.Where(n => n.Version == expected) : mine;
            if (string.IsNullOrWhiteSpace(note))
            {
                var deleted = expectedVersion is 0 ? 0 : await matching.ExecuteDeleteAsync(ct);
                return deleted > 0 || expectedVersion is null or 0 ? new ArticleNoteSaved(null, 0) : await ConflictAsync(mine, ct);
            }

            if (expectedVersion is not 0)
            {
                var updated = await matching.ExecuteUpdateAsync(u => u
                    .SetProperty(n => n.Note, note)
                    .SetProperty(n => n.NoteHtml, html)
                    .SetProperty(n => n.UpdatedAt, now)
                    .SetProperty(n => n.Version, n => n.Version + 1), ct);
                if (updated > 0)
                {
                    return new ArticleNoteSaved(null, await mine.Select(n => n.Version).FirstAsync(ct), Html: html);
                }

                if (expectedVersion is not null)
                {
                    return await ConflictAsync(mine, ct);
                }
            }

            db.ArticleNotes.Add(new ArticleNote { UserId = userId, ArticleId = articleId, Note = note, CreatedAt = now, UpdatedAt = now, Version = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
                return new ArticleNoteSaved(null, 1, Html: html);
            }
            catch (DbUpdateException)
            {
                // Another client wrote the first note between our update and insert.
                db.ChangeTracker.Clear();
                if (!await mine.AnyAsync(ct))
                {
                    throw;
                }

                if (expectedVersion is not null)
                {
                    return await ConflictAsync(mine, ct);
                }
            }
        }

        throw new InvalidOperationException("The article note kept changing while it was saved.");
    }

    private static async Task<ArticleNoteSaved> ConflictAsync(IQueryable<ArticleNote> mine, CancellationToken ct) =>
        new(null, await mine.Select(n => (int?)n.Version).FirstOrDefaultAsync(ct) ?? 0, Conflict: true);
}
