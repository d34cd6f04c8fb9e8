using NewsReader.Bench.Cli;

namespace NewsReader.Bench.Figures;

/// <summary><c>report --results FILE</c>: the one table bench/run ends with; exit code 1 when any budget failed.</summary>
public static class ReportCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var figures = Results.Read(options.Required("results"));
        string[] header = ["figure", "value", "reference", "ratio", "budget", "result"];
        var rows = figures.Select(f => new[]
        {
            f.Name,
            $"{Results.Format(f.Value)} {f.Unit}",
            f.Reference is { } r ? $"{Results.Format(r)} {f.Unit}" : "",
            f.Ratio is { } ratio ? ratio.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "",
            f.Budget ?? "",
            f.Pass switch { true => "PASS", false => "FAIL", null => "" },
        }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";

        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }

        foreach (var note in figures.Where(f => f.Note is not null))
        {
            Console.WriteLine($"  {note.Name}: {note.Note}");
        }

        var failed = figures.Count(f => f.Pass == false);
        var budgets = figures.Count(f => f.Pass is not null);
        Console.WriteLine(failed == 0 ? $"All {budgets} budgets met." : $"{failed} of {budgets} budgets missed.");
        return Task.FromResult(failed == 0 ? 0 : 1);
    }
}
