using NewsReader.Bench.Reanchoring;

// One command per published figure; each prints its figure and exits non-zero when a target is missed.
var commands = new Dictionary<string, (string Summary, Func<string[], int> Run)>(StringComparer.Ordinal)
{
    ["reanchor"] = ("re-anchoring: shares anchored and orphaned, wrongly placed, ms per 1,000 highlights", ReanchorBenchmark.Run),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/NewsReader.Bench -- <command> [options]");
    foreach (var (name, (summary, _)) in commands)
    {
        Console.Error.WriteLine($"  {name,-10} {summary}");
    }

    return args.Length == 0 ? 0 : 2;
}

return command.Run(args[1..]);
