using NewsReader.Articles;

namespace NewsReader.History;

/// <summary>
/// <c>/articles/{slug}/changes[?from=N&amp;to=M]</c>: revision M's text (the current one by
/// default) with what changed since revision N (the one before M by default), word by word
/// (<see cref="RevisionDiff"/>). A revision that does not exist is a 404; a number that is not
/// one, or a from that is not before to, a 400 that says so.
/// </summary>
public sealed class ChangesModel(AppDb db, ArticleHeaders headers, RevisionCache revisions) : PageModel
{
    /// <summary>Comparisons at least this long fold runs of unchanged paragraphs.</summary>
    public const int FoldFrom = 10;

    /// <summary>Unchanged paragraphs in a row that fold (keeping one either side next to a change).</summary>
    public const int FoldRun = 4;

    public ArticleHeader Article { get; private set; } = null!;

    public IReadOnlyList<RevisionEntry> Revisions { get; private set; } = [];

    public RevisionEntry? From { get; private set; }

    public RevisionEntry? To { get; private set; }

    public IReadOnlyList<BlockChange> Changes { get; private set; } = [];

    /// <summary>What the page shows, in order: a changed or kept block, or a folded run of kept ones.</summary>
    public IReadOnlyList<IReadOnlyList<BlockChange>> Items { get; private set; } = [];

    public string? Problem { get; private set; }

    public int Count(BlockChangeKind kind) => Changes.Count(c => c.Kind == kind);

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "from")] string? from, [FromQuery(Name = "to")] string? to, CancellationToken ct)
    {
        if (await headers.FindAsync(db, slug, ct) is not { } article)
        {
            return NotFound();
        }

        Article = article;
        Revisions = await ArticleHistory.RevisionsAsync(db, article.Id, ct);
        if (Revisions.Count < 2 && from is null && to is null)
        {
            return Page();                                      // nothing has changed: the page says so
        }

        if (Number(from, "from") is not { } fromNumber || Number(to, "to") is not { } toNumber)
        {
            return Invalid();
        }

        To = toNumber == 0 ? Revisions[^1] : Revisions.FirstOrDefault(r => r.Number == toNumber);
        if (To is null)
        {
            return NotFound();
        }

        From = fromNumber == 0 ? Revisions.LastOrDefault(r => r.Number < To.Number) : Revisions.FirstOrDefault(r => r.Number == fromNumber);
        if (From is null)
        {
            if (fromNumber != 0)
            {
                return NotFound();
            }

            Problem = $"Revision {To.Number} is the first: there is nothing before it to compare with.";
            return Invalid();
        }

        if (From.Number >= To.Number)
        {
            Problem = "“from” must be an earlier revision than “to”.";
            return Invalid();
        }

        var before = await revisions.GetAsync(From.Id, ct);
        var after = await revisions.GetAsync(To.Id, ct);
        Changes = RevisionDiff.Compare(before.Blocks, after.Blocks);
        Items = Fold(Changes);
        return Page();
    }

    private IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        From = To = null;
        return Page();
    }

    /// <summary>A revision number from the query: 0 when absent, null (and <see cref="Problem"/>) when it is not a number.</summary>
    private int? Number(string? value, string name)
    {
        if (value is null)
        {
            return 0;
        }

        if (ArticleRevision.TryParseNumber(value, out var number))
        {
            return number;
        }

        Problem = $"“{name}” {ArticleRevision.NumberProblem}.";
        return null;
    }

    /// <summary>Each change alone; on long comparisons, runs of unchanged blocks folded, with the one next to a change left out as context.</summary>
    private static List<IReadOnlyList<BlockChange>> Fold(IReadOnlyList<BlockChange> changes)
    {
        var items = new List<IReadOnlyList<BlockChange>>();
        for (var i = 0; i < changes.Count;)
        {
            if (changes[i].Kind != BlockChangeKind.Unchanged || changes.Count < FoldFrom)
            {
                items.Add([changes[i++]]);
                continue;
            }

            var end = i;
            while (end < changes.Count && changes[end].Kind == BlockChangeKind.Unchanged)
            {
                end++;
            }

            var keepFirst = i > 0 ? 1 : 0;                      // context after the change before
            var keepLast = end < changes.Count ? 1 : 0;          // and before the change after
            if (end - i - keepFirst - keepLast >= FoldRun)
            {
                if (keepFirst == 1)
                {
                    items.Add([changes[i]]);
                }

                items.Add(changes.Skip(i + keepFirst).Take(end - i - keepFirst - keepLast).ToList());
                if (keepLast == 1)
                {
                    items.Add([changes[end - 1]]);
                }
            }
            else
            {
                items.AddRange(changes.Skip(i).Take(end - i).Select(c => (IReadOnlyList<BlockChange>)[c]));
            }

            i = end;
        }

        return items;
    }
}
