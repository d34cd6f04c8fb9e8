using System.Globalization;
using System.Text.Json;

namespace NewsReader.Bench.Figures;

/// <summary>
/// One row of bench/run's table. <see cref="Pass"/> is null for figures without a budget (the
/// growth series); <see cref="Reference"/> is the same figure for the reference, measured in the
/// same run, and <see cref="Ratio"/> is value ÷ reference.
/// </summary>
public sealed record Figure(string Name, double Value, string Unit, double? Reference = null, string? Budget = null, bool? Pass = null, string? Note = null)
{
    public double? Ratio => Reference is > 0 ? Value / Reference : null;
}

/// <summary>Commands append their figures to one file (JSON lines); <c>report</c> prints them as one table.</summary>
public static class Results
{
    public static void Append(string? path, Figure figure)
    {
        var line = JsonSerializer.Serialize(figure);
        Console.WriteLine($"  {figure.Name}: {Format(figure.Value)} {figure.Unit}"
            + (figure.Reference is { } r ? $" (reference {Format(r)}, ratio {figure.Ratio:0.00})" : "")
            + (figure.Budget is { } b ? $" budget {b}: {(figure.Pass == true ? "PASS" : "FAIL")}" : "")
            + (figure.Note is { } n ? $" [{n}]" : ""));
        if (path is not null)
        {
            File.AppendAllLines(path, [line]);
        }
    }

    public static IReadOnlyList<Figure> Read(string path) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Figure>(l)!).ToList()
            : [];

    public static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
