namespace NewsReader.History;

/// <summary>One stored revision of an article: numbered from 1, oldest first.</summary>
public sealed record RevisionEntry(int Id, int Number, DateTime CreatedAt)
{
    public string When => CreatedAt.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public string IsoWhen => CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>An article's revisions, as the history pages list and compare them.</summary>
public static class ArticleHistory
{
    public static Task<List<RevisionEntry>> RevisionsAsync(AppDb db, int articleId, CancellationToken ct) =>
        db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId)
            .OrderBy(r => r.Number)
            .Select(r => new RevisionEntry(r.Id, r.Number, r.CreatedAt))
            .ToListAsync(ct);
}
