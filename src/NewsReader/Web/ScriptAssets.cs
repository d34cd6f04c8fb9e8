using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace NewsReader.Web;

/// <summary>
/// The page scripts are ES modules that import each other by relative URL. A version in the
/// query (<c>app.js?v=…</c>) is lost on every relative import, so a page that loaded
/// <c>app.js?v=1</c> and <c>reader.js?v=2</c> got a second copy of <c>app.js</c> through
/// reader's <c>import './app.js'</c>, and every handler twice. The version is therefore a path
/// segment, one hash over the whole script folder (<c>/js/{hash}/app.js</c>): relative imports
/// keep it, each module has one URL and runs once, and a changed file changes every URL, so
/// browsers may keep them for good.
/// </summary>
public sealed class ScriptAssets
{
    private const string Folder = "js";

    public ScriptAssets(IWebHostEnvironment environment)
    {
        var folder = environment.WebRootFileProvider.GetDirectoryContents(Folder);
        Files = folder.Exists && !string.IsNullOrEmpty(environment.WebRootPath)
            ? new PhysicalFileProvider(Path.Combine(environment.WebRootPath, Folder))
            : new NullFileProvider();
        BasePath = $"/{Folder}/{Hash(folder)}";
    }

    /// <summary>The versioned folder every script is served from, e.g. <c>/js/3f2a…</c>.</summary>
    public string BasePath { get; }

    public IFileProvider Files { get; }

    public string Url(string file) => $"{BasePath}/{file}";

    private static string Hash(IDirectoryContents folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in folder.Where(f => !f.IsDirectory).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(file.Name + "\n"));
            using var stream = file.CreateReadStream();
            var buffer = new byte[8192];
            for (var read = stream.Read(buffer); read > 0; read = stream.Read(buffer))
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}
