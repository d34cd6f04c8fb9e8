using Microsoft.EntityFrameworkCore;
using NewsReader.Articles;
using NewsReader.Data;

namespace NewsReader.Anchoring;

/// <summary>What re-anchoring did to the highlights of one article when a new revision arrived.</summary>
public sealed record ReanchorReport(int Unchanged, int Mapped, int Fuzzy, int Orphaned)
{
    public int Total => Unchanged + Mapped + Fuzzy + Orphaned;

    public int Moved => Unchanged + Mapped;
}

/// <summary>
/// Moves every user's highlights of an article onto a new revision, inside the importer's
/// transaction (see README.md beside this file).
/// </summary>
public sealed class HighlightReanchoring(AppDb db)
{
    public async Task<ReanchorReport> ReanchorAsync(int articleId, int oldRevisionId, int newRevisionId,
        IReadOnlyList<StoredBlock> newBlocks, CancellationToken ct)
    {
        var highlights = await db.Highlights.Where(h => h.ArticleId == articleId && h.RevisionId != newRevisionId).ToListAsync(ct);
        if (highlights.Count == 0)
        {
            return new ReanchorReport(0, 0, 0, 0);
        }

        int unchanged = 0, mapped = 0, fuzzy = 0, orphaned = 0;
        var outcomes = new Dictionary<Annotations.Highlight, ReanchorOutcome>(ReferenceEqualityComparer.Instance);
        // Normally every highlight sits on the previous revision; one saved on an older revision
        // (created while this import ran) is re-anchored from the text it was made on.
        foreach (var group in highlights.GroupBy(h => h.RevisionId))
        {
            var oldBlocks = group.Key == oldRevisionId
                ? await BlocksAsync(oldRevisionId, ct) ?? throw new InvalidOperationException($"Revision {oldRevisionId} is missing.")
                : await BlocksAsync(group.Key, ct) ?? [];
            var anchorer = new Reanchorer(oldBlocks, newBlocks);
            foreach (var highlight in group)
            {
                var outcome = anchorer.Reanchor(Reanchorer.Target.From(highlight));
                switch (outcome.Method)
                {
                    case AnchorMethod.Unchanged: unchanged++; break;
                    case AnchorMethod.Mapped: mapped++; break;
                    case AnchorMethod.Fuzzy: fuzzy++; break;
                    default: orphaned++; break;
                }

                outcome.ApplyTo(highlight, newRevisionId);
                highlight.Version++;
                outcomes[highlight] = outcome;
            }
        }

        // A reader who edits a note while the article is re-imported changes a highlight's
        // version under us: read those again, put them in their new place, save once more.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateConcurrencyException e) when (attempt < 5)
            {
                foreach (var entry in e.Entries)
                {
                    await entry.ReloadAsync(ct);
                    if (entry.Entity is Annotations.Highlight highlight && entry.State != EntityState.Detached)
                    {
                        outcomes[highlight].ApplyTo(highlight, newRevisionId);
                        highlight.Version++;
                    }
                }
            }
        }

        return new ReanchorReport(unchanged, mapped, fuzzy, orphaned);
    }

    private async Task<IReadOnlyList<StoredBlock>?> BlocksAsync(int revisionId, CancellationToken ct)
    {
        var json = await db.ArticleRevisions.Where(r => r.Id == revisionId).Select(r => r.BlocksJson).SingleOrDefaultAsync(ct);
        return json is null ? null : StoredBlocks.Deserialize(json);
    }
}
