namespace NewsReader.Annotations;

/// <summary>The limits and vocabularies a highlight is validated against.</summary>
public static class HighlightRules
{
    public const int MaxNoteLength = 10_000;
    public const int MaxTagLength = 40;
    public const int MaxTags = 20;
    public const int MaxLabelLength = 40;
    public const int QuoteContextLength = Articles.ArticleText.QuoteContextLength;

    public static readonly IReadOnlyList<string> Colors = ["yellow", "green", "blue", "pink"];

    public static string NoteTooLong(int length, string what = "Note") =>
        string.Create(CultureInfo.InvariantCulture, $"{what} is too long: {length:N0} characters; the limit is {MaxNoteLength:N0}.");

    public static bool IsColor(string? color) => color is not null && Colors.Contains(color);

    public static string ColorName(string color) => color.Length == 0 ? color : char.ToUpperInvariant(color[0]) + color[1..];

    /// <summary>What is wrong with a list of normalized tags (too many, or one too long, named), or null.</summary>
    public static string? TagProblem(IReadOnlyList<string> normalized) =>
        normalized.Count > MaxTags
            ? string.Create(CultureInfo.InvariantCulture, $"At most {MaxTags} tags; this has {normalized.Count}.")
            : normalized.FirstOrDefault(t => t.Length > MaxTagLength) is { } longTag
                ? string.Create(CultureInfo.InvariantCulture, $"Tag '{longTag[..20]}…' is too long; a tag can have at most {MaxTagLength} characters.")
                : null;

    /// <summary>Tags are trimmed, lower-cased, de-duplicated; "#" prefixes are dropped.</summary>
    public static IReadOnlyList<string> NormalizeTags(IEnumerable<string>? tags) =>
        (tags ?? [])
            .Select(t => t.Trim().TrimStart('#').Trim().ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
