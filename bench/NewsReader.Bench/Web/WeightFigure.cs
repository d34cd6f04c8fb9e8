using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NewsReader.Bench.Cli;
using NewsReader.Bench.Figures;

namespace NewsReader.Bench.Web;

/// <summary>
/// <c>weight --session FILE --slug SLUG [--max-kb 30] --results FILE</c>: what a browser downloads
/// for the signed-in reading view of an article with next to no text: the HTML, every stylesheet
/// (print too: browsers fetch it, at low priority) and every script, module imports followed,
/// counted as sent on the wire with <c>Accept-Encoding: br, gzip</c> (bodies, not headers).
/// </summary>
public static partial class WeightFigure
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var session = Session.Load(options.Required("session"));
        using var client = session.Client();
        client.DefaultRequestHeaders.Add("Accept-Encoding", "br, gzip");

        var page = $"/articles/{options.Required("slug")}";
        var (html, pageBytes) = await FetchAsync(client, page);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal) { [page] = pageBytes };
        var pending = new Queue<string>(Assets().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        while (pending.TryDequeue(out var asset))
        {
            if (sizes.ContainsKey(asset))
            {
                continue;
            }

            var (text, bytes) = await FetchAsync(client, asset);
            sizes[asset] = bytes;
            if (asset.Split('?')[0].EndsWith(".js", StringComparison.Ordinal))
            {
                foreach (Match import in Imports().Matches(text))
                {
                    pending.Enqueue(new Uri(new Uri(client.BaseAddress!, asset), import.Groups[1].Value).PathAndQuery);
                }
            }
        }

        var total = sizes.Values.Sum() / 1024.0;
        var maxKb = options.Double("max-kb") ?? 30;
        foreach (var (url, bytes) in sizes)
        {
            Console.WriteLine($"    {bytes,7:N0} B  {url}");
        }

        Results.Append(options.Get("results"), new Figure($"reading page weight, compressed ({sizes.Count} files)", total, "KB",
            Budget: $"≤ {maxKb.ToString(CultureInfo.InvariantCulture)} KB", Pass: total <= maxKb));
        return 0;
    }

    /// <summary>The decoded text and the number of bytes the body took on the wire.</summary>
    private static async Task<(string Text, long Bytes)> FetchAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        var wire = await response.Content.ReadAsByteArrayAsync();
        Stream body = new MemoryStream(wire);
        foreach (var encoding in response.Content.Headers.ContentEncoding.Reverse())
        {
            body = encoding switch
            {
                "br" => new BrotliStream(body, CompressionMode.Decompress),
                "gzip" => new GZipStream(body, CompressionMode.Decompress),
                _ => throw new InvalidOperationException($"unexpected encoding {encoding} for {url}"),
            };
        }

        using var reader = new StreamReader(body, Encoding.UTF8);
        return (await reader.ReadToEndAsync(), wire.LongLength);
    }

    [GeneratedRegex("""<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"[^>]*>""")]
    private static partial Regex Assets();

    [GeneratedRegex("""(?:^|\n)\s*import\s[^'"]*['"]([^'"]+)['"]""")]
    private static partial Regex Imports();
}
