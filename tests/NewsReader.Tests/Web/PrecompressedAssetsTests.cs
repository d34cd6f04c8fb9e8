using System.IO.Compression;
using System.Net;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Web;

/// <summary>Versioned stylesheets and scripts are served Brotli-compressed once and kept; the bytes decompress to the file, and other requests are served as before.</summary>
public sealed class PrecompressedAssetsTests : IDisposable
{
    private readonly TestApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _app.Dispose();

    private async Task<HttpResponseMessage> GetAsync(string url, string? encoding, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        }

        return await _app.CreateClient().SendAsync(request, Ct);
    }

    [Fact]
    public async Task The_pages_stylesheet_and_scripts_come_compressed_and_decompress_to_the_files()
    {
        var page = await _app.CreateClient().GetDocumentAsync("/");
        var urls = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();
        Assert.Contains(urls, u => u.StartsWith("/css/site.css?v=", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/js/", StringComparison.Ordinal));

        foreach (var url in urls)
        {
            var plain = await GetAsync(url, encoding: null);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            var file = await plain.Content.ReadAsByteArrayAsync(Ct);

            var compressed = await GetAsync(url, "gzip, deflate, br, zstd");
            Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
            Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);
            Assert.Contains("immutable", compressed.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            Assert.Equal(plain.Content.Headers.ContentType!.MediaType, compressed.Content.Headers.ContentType!.MediaType);
            Assert.Contains("nosniff", compressed.Headers.GetValues("X-Content-Type-Options"));
            var body = await compressed.Content.ReadAsByteArrayAsync(Ct);
            Assert.True(body.Length < file.Length, $"{url}: {body.Length} bytes compressed, {file.Length} plain");
            using var brotli = new BrotliStream(new MemoryStream(body), CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            await brotli.CopyToAsync(decompressed, Ct);
            Assert.Equal(file, decompressed.ToArray());
            // Compressed once at Brotli's smallest, with its length known: not the per-response
            // compression pages get (fastest, streamed without a length).
            using var smallest = new MemoryStream();
            using (var encoder = new BrotliStream(smallest, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                encoder.Write(file);
            }

            Assert.Equal(smallest.ToArray(), body);
            Assert.Equal(body.Length, compressed.Content.Headers.ContentLength);

            var head = await GetAsync(url, "br", HttpMethod.Head);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task An_unversioned_or_missing_file_is_left_to_the_static_files()
    {
        var unversioned = await GetAsync("/css/site.css", "br");
        Assert.Equal(HttpStatusCode.OK, unversioned.StatusCode);
        Assert.DoesNotContain("immutable", unversioned.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/css/no-such.css?v=1", "br")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/css/../appsettings.json?v=1", "br")).StatusCode);
    }
}
