namespace NewsReader.Articles;

/// <summary>How article metadata reads on the page.</summary>
public static class Bylines
{
    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string Format(IReadOnlyList<string> authors) => authors.Count switch
    {
        0 => "",
        1 => authors[0],
        _ => string.Join(", ", authors.Take(authors.Count - 1)) + " and " + authors[^1],
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
