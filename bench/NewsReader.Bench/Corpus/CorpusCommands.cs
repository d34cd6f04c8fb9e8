using System.Globalization;
using System.Text.Json;
using NewsReader.Articles;
using NewsReader.Articles.Parsing;
using NewsReader.Bench.Cli;

namespace NewsReader.Bench.Corpus;

/// <summary>
/// <c>corpus --out DIR --count N [--seed S]</c>: N generated wire-text files of ~3 KB to import.
/// <c>pages --out DIR</c>: the articles the page figures read (seed-sized ones for 0, 50 and 500
/// highlights, and a tiny one for page weight), plus <c>pages.json</c> naming each one's slug.
/// </summary>
public static class CorpusCommands
{
    /// <summary>The articles of <c>pages</c>, by the name the other commands use.</summary>
    public static readonly string[] PageNames = ["reading-0", "reading-50", "reading-500", "tiny"];

    public static Task<int> CorpusAsync(string[] args)
    {
        var options = Options.Parse(args);
        var folder = Directory.CreateDirectory(options.Required("out")).FullName;
        var count = options.Int("count", 10_000);
        var random = new Random(options.Int("seed", 1));
        long bytes = 0;
        for (var i = 1; i <= count; i++)
        {
            var text = WireArticles.Article(random, i);
            var path = Path.Combine(folder, $"wire-{i.ToString("D6", CultureInfo.InvariantCulture)}.txt");
            File.WriteAllText(path, text);
            bytes += new FileInfo(path).Length;
        }

        Console.WriteLine($"corpus: {count:N0} wire-text articles, {bytes / 1024.0 / count:0.0} KB each on average, in {folder}");
        return Task.FromResult(0);
    }

    public static Task<int> PagesAsync(string[] args)
    {
        var folder = Directory.CreateDirectory(Options.Parse(args).Required("out")).FullName;
        var random = new Random(7);
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < PageNames.Length; i++)
        {
            var name = PageNames[i];
            var text = name == "tiny" ? WireArticles.Tiny(i + 1) : WireArticles.Article(random, i + 1);
            File.WriteAllText(Path.Combine(folder, name + ".txt"), text);
            slugs[name] = Slugs.FromTitle(WireTextParser.Parse(text).Title);
        }

        File.WriteAllText(Path.Combine(folder, "pages.json"), JsonSerializer.Serialize(slugs));
        Console.WriteLine($"pages: {string.Join(", ", slugs.Select(s => $"{s.Key} = /articles/{s.Value}"))}");
        return Task.FromResult(0);
    }

    /// <summary><c>slug --pages DIR --name NAME</c>: prints the slug of one of the <c>pages</c> articles.</summary>
    public static Task<int> SlugAsync(string[] args)
    {
        var options = Options.Parse(args);
        Console.WriteLine(PageSlug(options.Required("pages"), options.Required("name")));
        return Task.FromResult(0);
    }

    /// <summary>The slug of one of the <c>pages</c> articles.</summary>
    public static string PageSlug(string pagesFolder, string name) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(pagesFolder, "pages.json")))![name];
}
