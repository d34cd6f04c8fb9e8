using System.Diagnostics;
using NewsReader.Cli;

namespace NewsReader.Articles.Import;

/// <summary>
/// <c>import PATH...</c>: files and folders (recursively). Prints each article's path, shows
/// progress on a terminal, ends with a summary; exit code 1 when any file failed. Files are
/// stored in batches of <see cref="BatchSize"/>, one transaction each.
/// </summary>
public static class ImportCommand
{
    /// <summary>Articles committed together (<see cref="ArticleImporter.ImportFilesAsync"/>); each is reported once its batch is in.</summary>
    public const int BatchSize = 100;

    /// <summary>
    /// Every file under <paramref name="root"/>, following links to folders, but each folder only
    /// once: a link that points back up the tree (a loop) is not walked again and again.
    /// </summary>
    public static IEnumerable<string> FilesUnder(string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var folders = new Stack<string>();
        folders.Push(Path.GetFullPath(root));
        while (folders.TryPop(out var folder))
        {
            var info = new DirectoryInfo(folder);
            var real = (info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info).FullName.TrimEnd(Path.DirectorySeparatorChar);
            if (!seen.Add(real))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder))
            {
                yield return file;
            }

            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                folders.Push(sub);
            }
        }
    }

    public static AppCommandLine.Verb Verb(AppCommandLine cli) => new(VerbInput.Define(cli, "import",
        "Import wire-text (.txt) and Markdown (.md, .markdown) files; folders recursively. Exit 1 when any file failed.",
        VerbInput.Many("PATH", "files and folders to import"), [], RunAsync));

    public static async Task<int> RunAsync(VerbInput command, IServiceProvider services, CancellationToken ct)
    {
        if (command.Arguments.Count == 0)
        {
            throw new CommandException("import needs at least one file or folder: import PATH...");
        }

        var files = new List<string>();
        var failures = new List<ImportResult>();
        foreach (var path in command.Arguments)
        {
            if (Directory.Exists(path))
            {
                try
                {
                    files.AddRange(FilesUnder(path).Where(f => ArticleImporter.FormatFor(f) is not null).Order(StringComparer.Ordinal));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    failures.Add(ImportResult.Failure(path, $"cannot read the folder: {e.Message}"));
                }
            }
            else
            {
                files.Add(path);
            }
        }

        var importer = services.GetRequiredService<ArticleImporter>();
        var counts = new Dictionary<ImportOutcome, int>();
        var progress = new Progress(files.Count);

        // Console.Out flushes every line: a write call per article. Into a pipe or a file the
        // lines are buffered instead; on a terminal each still shows as its file is done.
        await using var output = Console.IsOutputRedirected
            ? new StreamWriter(Console.OpenStandardOutput(), bufferSize: 64 * 1024) { AutoFlush = false }
            : null;
        var lines = output ?? Console.Out;
        foreach (var failure in failures)
        {
            Report(failure, counts, progress, lines);
        }

        foreach (var batch in files.Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            foreach (var result in await importer.ImportFilesAsync(batch, ct))
            {
                Report(result, counts, progress, lines);
                progress.Advance();
            }
        }

        progress.Clear();
        var total = counts.Values.Sum();
        var rate = total / Math.Max(progress.Elapsed.TotalSeconds, 0.001);
        lines.WriteLine(
            $"{total} file(s) in {progress.Elapsed.TotalSeconds:0.0}s ({rate:0}/s): " +
            $"{counts.GetValueOrDefault(ImportOutcome.Created)} created, {counts.GetValueOrDefault(ImportOutcome.Updated)} updated, " +
            $"{counts.GetValueOrDefault(ImportOutcome.Unchanged)} unchanged, {counts.GetValueOrDefault(ImportOutcome.Failed)} failed");
        return counts.GetValueOrDefault(ImportOutcome.Failed) > 0 ? 1 : 0;
    }

    private static void Report(ImportResult result, Dictionary<ImportOutcome, int> counts, Progress progress, TextWriter lines)
    {
        counts[result.Outcome] = counts.GetValueOrDefault(result.Outcome) + 1;
        progress.Clear();
        if (result.Outcome == ImportOutcome.Failed)
        {
            Console.Error.WriteLine($"error: {result.Source}: {result.Error}");
            return;
        }

        var line = $"{result.Outcome.ToString().ToLowerInvariant(),-9} {result.Path}  ({result.Source})";
        if (result.Reanchored is { Total: > 0 } r)
        {
            line += $"  highlights: {r.Moved} moved, {r.Fuzzy} re-anchored fuzzily, {r.Orphaned} orphaned";
        }

        lines.WriteLine(line);
    }

    /// <summary>A one-line done/total and rate on stderr, only when it is a terminal.</summary>
    private sealed class Progress(int total)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly bool _enabled = total > 1 && !Console.IsErrorRedirected;
        private int _done;
        private long _lastDraw;

        public TimeSpan Elapsed => _clock.Elapsed;

        public void Advance()
        {
            _done++;
            if (!_enabled || (_clock.ElapsedMilliseconds - _lastDraw < 100 && _done < total))
            {
                return;
            }

            _lastDraw = _clock.ElapsedMilliseconds;
            var rate = _done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            Console.Error.Write($"\r{_done}/{total} imported, {rate:0}/s ");
        }

        public void Clear()
        {
            if (_enabled && _done > 0)
            {
                Console.Error.Write("\r\u001b[K");
            }
        }
    }
}
