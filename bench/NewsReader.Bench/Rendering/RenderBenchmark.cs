using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Articles.Parsing;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Corpus;
using NewsReader.Bench.Figures;
using NewsReader.Bench.Web;

namespace NewsReader.Bench.Rendering;

/// <summary>
/// <c>render --results FILE</c>: a BenchmarkDotNet micro-benchmark of what the signed-in reading
/// view adds to a cached revision: splitting the reader's highlights into marks per block and
/// rendering the body with them, for a seed-sized article with 0, 50 and 500 highlights. In
/// process, with a short job, so it fits in bench/run; the page figures show the whole request.
/// </summary>
public static class RenderBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default
                .WithToolchain(InProcessNoEmitToolchain.Instance)
                .WithWarmupCount(3)
                .WithIterationCount(7)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(200)))
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddLogger(BenchmarkDotNet.Loggers.NullLogger.Instance)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "newsreader-bdn"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<ArticleBodyRendering>(config);
        foreach (var report in summary.Reports.OrderBy(r => (int)r.BenchmarkCase.Parameters["Highlights"]))
        {
            var highlights = (int)report.BenchmarkCase.Parameters["Highlights"];
            var stats = report.ResultStatistics ?? throw new InvalidOperationException("the render benchmark produced no result");
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            Results.Append(options.Get("results"), new Figure(
                string.Create(CultureInfo.InvariantCulture, $"render a seed-sized body with {highlights} highlights (BenchmarkDotNet)"),
                stats.Mean / 1000, "µs", Note: string.Create(CultureInfo.InvariantCulture, $"{allocated / 1024.0:0} KB allocated per render")));
        }

        return Task.FromResult(0);
    }
}

/// <summary>The benchmark itself: public and unsealed, as BenchmarkDotNet requires.</summary>
public class ArticleBodyRendering
{
    private RevisionContent _revision = null!;
    private List<PlacedHighlight> _highlights = [];

    [Params(0, 50, 500)]
    public int Highlights { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var blocks = StoredBlocks.FromParsed(WireTextParser.Parse(WireArticles.Article(random, 1)).Blocks);
        _revision = new RevisionContent(1, blocks);
        var ranges = new ArticleRanges(blocks.Select(b => (b.Anchor, b.Text)).ToList());
        _highlights = [];
        while (_highlights.Count < Highlights)
        {
            var request = ranges.Pick(random);
            var errors = new Dictionary<string, string[]>();
            if (HighlightValidation.Range(_revision.Text, new Position(request.StartAnchor, request.StartOffset),
                    new Position(request.EndAnchor, request.EndOffset), request.Exact, errors) is { } range)
            {
                var points = _revision.Text.ToRange(range.Start, range.End);
                _highlights.Add(new PlacedHighlight(Guid.CreateVersion7(), Annotate.Colors[_highlights.Count % 4],
                    points.Start.Anchor, points.Start.Offset, points.End.Anchor, points.End.Offset));
            }
        }
    }

    [Benchmark]
    public string Body() => ArticleHtml.Body(_revision, Highlights == 0 ? null : ArticleHtml.MarksByBlock(_revision.Text, _highlights));
}
