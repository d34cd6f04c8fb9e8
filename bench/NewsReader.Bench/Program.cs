using NewsReader.Bench.Cli;
using NewsReader.Bench.Corpus;
using NewsReader.Bench.Figures;
using NewsReader.Bench.Processes;
using NewsReader.Bench.Reanchoring;
using NewsReader.Bench.Rendering;
using NewsReader.Bench.Seeding;
using NewsReader.Bench.Web;

// One command per figure or step; bench/run strings them together and `report` prints the table.
// Figure commands append to --results FILE and print their figure; a command that cannot measure fails.
var commands = new Dictionary<string, (string Summary, Func<string[], Task<int>> Run)>(StringComparer.Ordinal)
{
    ["reanchor"] = ("re-anchoring: shares anchored and orphaned, wrongly placed, ms per 1,000 highlights", a => Task.FromResult(ReanchorBenchmark.Run(a))),
    ["corpus"] = ("generate wire-text articles to import (--out DIR --count N)", CorpusCommands.CorpusAsync),
    ["pages"] = ("generate the articles the page figures read, and their slugs (--out DIR)", CorpusCommands.PagesAsync),
    ["slug"] = ("print the slug of one of the pages articles (--pages DIR --name NAME)", CorpusCommands.SlugAsync),
    ["seed-articles"] = ("fill a database's library up to N articles (--db PATH --total N)", SeedArticles.RunAsync),
    ["seed-highlights"] = ("give a reader N valid highlights over their unread articles (--db PATH --email E --total N)", SeedHighlights.RunAsync),
    ["session"] = ("register or sign in a reader through the pages; save cookies and API token (--url --email --password --out)", Session.RunAsync),
    ["annotate"] = ("create highlights, notes and colour meanings through the API (--session --slug --count)", Annotate.RunAsync),
    ["page"] = ("a page's req/s and p99 under wrk, against the same bytes as a static file", PageFigure.RunAsync),
    ["writes"] = ("highlights created through the API under wrk, sustained", WritesFigure.RunAsync),
    ["export"] = ("export time and server RSS growth per format", ExportFigure.RunAsync),
    ["restore"] = ("a restore upload: other readers' writes meanwhile, its time, RSS growth and WAL left", RestoreFigure.RunAsync),
    ["weight"] = ("reading page weight: HTML, CSS and JS as compressed on the wire", WeightFigure.RunAsync),
    ["import"] = ("the import CLI's rate and peak RSS on a corpus", ImportFigure.RunAsync),
    ["startup"] = ("start to first served page, against a minimal app", StartupFigure.RunAsync),
    ["render"] = ("BenchmarkDotNet: rendering a body with 0/50/500 highlights", RenderBenchmark.RunAsync),
    ["rss"] = ("a process's resident memory now (--pid --name)", ProcessCommands.RssAsync),
    ["wait"] = ("wait until a URL answers 200 (--url)", ProcessCommands.WaitAsync),
    ["free-port"] = ("print a free TCP port on 127.0.0.1", ProcessCommands.FreePortAsync),
    ["report"] = ("print the results file as one table; exit 1 when a budget failed (--results)", ReportCommand.RunAsync),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/NewsReader.Bench -- <command> [options]");
    foreach (var (name, (summary, _)) in commands)
    {
        Console.Error.WriteLine($"  {name,-16} {summary}");
    }

    return args.Length == 0 ? 0 : 2;
}

try
{
    return await command.Run(args[1..]);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"{args[0]}: {e.Message}");
    return 2;
}
