using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Articles.Parsing;

namespace NewsReader.Anchoring;

/// <summary>
/// The glue between the importer and the pure <see cref="Reanchorer"/>: when an article gets a
/// new revision, every reader's highlights of it are read, re-anchored as plain
/// <see cref="Reanchorer.Target"/>s and written back, inside the importer's transaction (see
/// README.md beside this file). Registered by <see cref="AnchoringSetup.AddAnchoring"/>.
/// </summary>
public sealed class HighlightReanchoring(AppDb db) : IRevisionListener
{
    public Task<ReanchorReport> RevisedAsync(int articleId, int oldRevisionId, int newRevisionId,
        IReadOnlyList<ArticleBlock> newBlocks, CancellationToken ct) => ReanchorAsync(articleId, oldRevisionId, newRevisionId, newBlocks, ct);

    public async Task<ReanchorReport> ReanchorAsync(int articleId, int oldRevisionId, int newRevisionId,
        IReadOnlyList<ArticleBlock> newBlocks, CancellationToken ct)
    {
        // Last revision's notices say nothing about this one.
        await db.RevisionNotices.Where(n => n.ArticleId == articleId).ExecuteDeleteAsync(ct);
        var highlights = await db.Highlights.Where(h => h.ArticleId == articleId && h.RevisionId != newRevisionId).ToListAsync(ct);
        if (highlights.Count == 0)
        {
            return new ReanchorReport(0, 0, 0, 0);
        }

        int unchanged = 0, mapped = 0, fuzzy = 0, orphaned = 0;
        var notices = new Dictionary<string, RevisionNotice>(StringComparer.Ordinal);
        var outcomes = new Dictionary<Highlight, ReanchorOutcome>(ReferenceEqualityComparer.Instance);
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
                var outcome = anchorer.Reanchor(TargetOf(highlight));
                switch (outcome.Method)
                {
                    case AnchorMethod.Unchanged: unchanged++; break;
                    case AnchorMethod.Mapped: mapped++; break;
                    case AnchorMethod.Fuzzy: fuzzy++; break;
                    default: orphaned++; break;
                }

                Count(notices, highlight, outcome, articleId);
                Apply(outcome, highlight, newRevisionId);
                outcomes[highlight] = outcome;
            }
        }

        db.RevisionNotices.AddRange(notices.Values.Where(n => n.Moved + n.Found + n.Detached > 0));

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
                    if (entry.Entity is Highlight highlight && entry.State != EntityState.Detached)
                    {
                        Apply(outcomes[highlight], highlight, newRevisionId);
                    }
                }
            }
        }

        return new ReanchorReport(unchanged, mapped, fuzzy, orphaned);
    }

    /// <summary>
    /// The reader's notice gets the highlight's outcome: moved (its place changed with the text),
    /// found again by its quote (a detached one re-attached too), or newly detached (one that was
    /// detached already is not news).
    /// </summary>
    private static void Count(Dictionary<string, RevisionNotice> notices, Highlight highlight, ReanchorOutcome outcome, int articleId)
    {
        if (!notices.TryGetValue(highlight.UserId, out var notice))
        {
            notice = new RevisionNotice(highlight.UserId, articleId);
            notices[highlight.UserId] = notice;
        }

        switch (outcome.Method)
        {
            case AnchorMethod.Fuzzy:
                notice.Found++;
                break;
            case AnchorMethod.Orphaned when !highlight.IsOrphan:
                notice.Detached++;
                break;
            case AnchorMethod.Mapped or AnchorMethod.Unchanged when outcome.Range is { } range && !highlight.IsOrphan
                && (range.Start.Anchor != highlight.StartAnchor || range.Start.Offset != highlight.StartOffset
                    || range.End.Anchor != highlight.EndAnchor || range.End.Offset != highlight.EndOffset):
                notice.Moved++;
                break;
        }
    }

    /// <summary>What the re-anchoring needs of a stored highlight: its old place and its quote.</summary>
    public static Reanchorer.Target TargetOf(Highlight h) =>
        new(h.StartAnchor, h.StartOffset, h.EndAnchor, h.EndOffset, h.Exact, h.Prefix, h.Suffix, h.IsOrphan);

    /// <summary>The outcome onto the stored highlight: its new place and quote, or detached; a new version either way.</summary>
    public static void Apply(ReanchorOutcome outcome, Highlight highlight, int revisionId)
    {
        highlight.RevisionId = revisionId;
        if (outcome.Range is { } range)
        {
            highlight.MoveTo(range, outcome.Exact, outcome.Prefix, outcome.Suffix);
        }
        else
        {
            highlight.IsOrphan = true;
        }

        highlight.Version++;
    }

    private async Task<IReadOnlyList<ArticleBlock>?> BlocksAsync(int revisionId, CancellationToken ct)
    {
        var json = await db.ArticleRevisions.Where(r => r.Id == revisionId).Select(r => r.BlocksJson).SingleOrDefaultAsync(ct);
        return json is null ? null : StoredBlocks.Deserialize(json);
    }
}
