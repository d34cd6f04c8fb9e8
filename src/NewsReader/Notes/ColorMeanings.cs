using NewsReader.Annotations;

namespace NewsReader.Notes;

/// <summary>My notes' colour meanings form (for readers without JavaScript too): every colour's label at once.</summary>
public static class ColorMeanings
{
    /// <summary>Saves each colour's label; the problems by form field, empty when all were saved.</summary>
    public static async Task<Dictionary<string, string>> SaveAsync(AppDb db, string userId, IReadOnlyDictionary<string, string?> labels, CancellationToken ct)
    {
        var problems = new Dictionary<string, string>();
        foreach (var color in HighlightRules.Colors)
        {
            if (await ColorLabels.SaveAsync(db, userId, color, labels.GetValueOrDefault(color), ct) is { } problem)
            {
                problems[$"labels[{color}]"] = $"{HighlightRules.ColorName(color)}: {problem}";
            }
        }

        return problems;
    }
}
