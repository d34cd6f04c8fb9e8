namespace NewsReader.Annotations;

public static class ColorLabels
{
    private static readonly PerDatabase<Func<AppDb, string, IAsyncEnumerable<ColorLabel>>> OfUser = new(() =>
        EF.CompileAsyncQuery((AppDb db, string userId) => db.ColorLabels.AsNoTracking().Where(l => l.UserId == userId)));

    /// <summary>A reader's colour meanings, by colour (read on every signed-in page view, so compiled once).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ForUserAsync(AppDb db, string userId, CancellationToken ct)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var label in OfUser.For(db)(db, userId).WithCancellation(ct))
        {
            labels[label.Color] = label.Label;
        }

        return labels;
    }

    /// <summary>Gives a colour a meaning (or, when empty, removes it); returns an error message or null.</summary>
    public static async Task<string?> SaveAsync(AppDb db, string userId, string color, string? label, CancellationToken ct)
    {
        label = (label ?? "").Trim();
        if (label.Length > HighlightRules.MaxLabelLength)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Label is too long: {label.Length} characters; the limit is {HighlightRules.MaxLabelLength}.");
        }

        await db.ColorLabels.Where(l => l.UserId == userId && l.Color == color).ExecuteDeleteAsync(ct);
        if (label.Length > 0)
        {
            db.ColorLabels.Add(new ColorLabel { UserId = userId, Color = color, Label = label });
            await db.SaveChangesAsync(ct);
        }

        return null;
    }
}
