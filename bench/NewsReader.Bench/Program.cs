using System.CommandLine;
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
// System.CommandLine checks each command's options (an unknown or misspelt one is an error, exit 2,
// naming it) and gives every command --help; the command itself reads them as before (Options).
var commands = new (string Name, string Summary, string[] Options, Func<string[], Task<int>> Run)[]
{
    ("reanchor", "re-anchoring: shares anchored and orphaned, wrongly placed, ms per 1,000 highlights",
        ["articles", "words", "highlights", "revisions", "edits", "runs", "seed", "results"], a => Task.FromResult(ReanchorBenchmark.Run(a))),
    ("corpus", "generate wire-text articles to import", ["out", "count", "seed"], CorpusCommands.CorpusAsync),
    ("pages", "generate the articles the page figures read, and their slugs", ["out"], CorpusCommands.PagesAsync),
    ("slug", "print the slug of one of the pages articles", ["pages", "name"], CorpusCommands.SlugAsync),
    ("seed-articles", "fill a database's library up to N articles", ["db", "total", "seed"], SeedArticles.RunAsync),
    ("seed-highlights", "give a reader N valid highlights over their unread articles", ["db", "email", "total", "per-article", "seed"], SeedHighlights.RunAsync),
    ("seed-state", "give a reader reading state and article tags on the N newest articles", ["db", "email", "count", "seed"], SeedState.RunAsync),
    ("session", "register or sign in a reader through the pages; save cookies and API token", ["url", "email", "password", "out"], Session.RunAsync),
    ("annotate", "create highlights, notes and colour meanings through the API", ["session", "slug", "count", "seed"], Annotate.RunAsync),
    ("page", "a page's req/s and p99 under wrk, against the same bytes as a static file",
        ["name", "path", "session", "url", "seconds", "warmup", "expect", "expect-count", "reference-url", "reference-root", "baseline", "min-ratio", "max-p99", "results"], PageFigure.RunAsync),
    ("breakdown", "where a signed-in page's time goes: static, anonymous, kept, log off, rendered, new antiforgery cookie",
        ["session", "url", "path", "quiet-url", "reference-url", "reference-root", "seconds", "results"], BreakdownFigure.RunAsync),
    ("search", "the search API's p99 under wrk for a mix of queries, and the index's size", ["session", "db", "seconds", "max-p99", "results"], SearchFigure.RunAsync),
    ("writes", "highlights created through the API under wrk, sustained", ["session", "slug", "db", "seconds", "seed", "min-rate", "label", "results"], WritesFigure.RunAsync),
    ("export", "export time and server RSS growth per format", ["session", "pid", "expect", "max-seconds", "max-growth-mb", "results"], ExportFigure.RunAsync),
    ("restore", "a restore upload: other readers' writes meanwhile, its time, RSS growth and WAL left",
        ["session", "other", "slug", "count", "note-chars", "pid", "db", "max-wait-seconds", "max-growth-mb", "measure-writes", "name", "results"], RestoreFigure.RunAsync),
    ("weight", "reading page weight: HTML, CSS and JS as compressed on the wire", ["session", "slug", "max-kb", "results"], WeightFigure.RunAsync),
    ("import", "the import CLI's rate and peak RSS on a corpus", ["app", "corpus", "db", "min-rate", "max-rss-mb", "results"], ImportFigure.RunAsync),
    ("startup", "start to first served page, against a minimal app", ["app", "reference", "runs", "max-ratio", "pidfile", "results"], StartupFigure.RunAsync),
    ("render", "BenchmarkDotNet: rendering a body with 0/50/500 highlights", ["results"], RenderBenchmark.RunAsync),
    ("rss", "a process's resident memory now", ["pid", "name", "max-mb", "results"], ProcessCommands.RssAsync),
    ("wait", "wait until a URL answers 200", ["url", "timeout"], ProcessCommands.WaitAsync),
    ("free-port", "print a free TCP port on 127.0.0.1", [], ProcessCommands.FreePortAsync),
    ("report", "print the results file as one table; exit 1 when a budget failed", ["results"], ReportCommand.RunAsync),
};

var root = new RootCommand("NewsReader's benchmark steps and figures (bench/run runs them all).");
foreach (var (name, summary, names, run) in commands)
{
    var command = new Command(name, summary);
    var options = names.Select(n => new Option<string[]>("--" + n) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false }).ToList();
    options.ForEach(command.Options.Add);
    command.SetAction(async (parse, _) =>
    {
        // Back to "--name value" pairs, in their order, for the command's own reading of them.
        var args = options.SelectMany(o => (parse.GetValue(o) ?? []).SelectMany(v => new[] { o.Name, v })).ToArray();
        try
        {
            return await run(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"{name}: {e.Message}");
            return 2;
        }
    });
    root.Subcommands.Add(command);
}

var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
if (args.Length == 0)
{
    return await root.Parse("--help").InvokeAsync();
}

if (parsed.Errors.Count > 0)
{
    var unknown = parsed.UnmatchedTokens.FirstOrDefault();
    var nearest = unknown is null
        ? null
        : (unknown.StartsWith('-') ? parsed.CommandResult.Command.Options.Select(o => o.Name) : root.Subcommands.Select(c => c.Name))
            .MinBy(c => Levenshtein(unknown, c)) is { } close && Levenshtein(unknown, close) <= Math.Max(2, unknown.Length / 3) ? close : null;
    Console.Error.WriteLine($"error: {(unknown is null ? parsed.Errors[0].Message : $"unknown {(unknown.StartsWith('-') ? "option" : "command")} '{unknown}'")}"
        + (nearest is null ? "" : $". Did you mean '{nearest}'?"));
    return 2;
}

return await parsed.InvokeAsync();

static int Levenshtein(string a, string b)
{
    var previous = Enumerable.Range(0, b.Length + 1).ToArray();
    for (var i = 1; i <= a.Length; i++)
    {
        var current = new int[b.Length + 1];
        current[0] = i;
        for (var j = 1; j <= b.Length; j++)
        {
            current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        }

        previous = current;
    }

    return previous[b.Length];
}
