using System.ComponentModel;
using System.Diagnostics;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Export;

/// <summary>
/// Runs the W3C Web Annotation MUST schemas (<c>node validate.js FILE</c>) from
/// <c>W3C_SCHEMAS_DIR</c>, or <c>../shared/w3c-annotation-schemas</c> beside the repository.
/// Their node_modules come from <c>npm ci --prefix DIR</c>: on CI (<c>CI=true</c>) a missing
/// install fails the test; on a workstation the schemas are copied to a temporary folder and
/// installed there once, or the test is skipped when that is not possible (no node, no network).
/// </summary>
public static class W3cValidator
{
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    public static string SchemasDirectory =>
        Environment.GetEnvironmentVariable("W3C_SCHEMAS_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(Paths.RepositoryRoot, "..", "shared", "w3c-annotation-schemas"));

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Validates a JSON-LD document; fails the test with the validator's report unless every MUST assertion passes.</summary>
    public static async Task AssertValidAsync(string json)
    {
        var (exitCode, output) = await RunAsync(json);
        Assert.True(exitCode == 0, $"The W3C MUST schemas reject the document:\n{output}");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string json)
    {
        var directory = await Installed.Value;
        var file = Path.Combine(Path.GetTempPath(), $"newsreader-annotations-{Guid.NewGuid():N}.jsonld");
        await File.WriteAllTextAsync(file, json);
        try
        {
            return await RunProcessAsync("node", [Path.Combine(directory, "validate.js"), file], directory, TimeSpan.FromMinutes(1));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> InstallAsync()
    {
        var source = SchemasDirectory;
        if (!File.Exists(Path.Combine(source, "validate.js")))
        {
            return Unavailable($"No W3C schemas at {source}: set W3C_SCHEMAS_DIR to the w3c-annotation-schemas folder.");
        }

        if (Directory.Exists(Path.Combine(source, "node_modules")))
        {
            return source;
        }

        if (IsCi)
        {
            Assert.Fail($"The W3C schemas' node_modules are missing: CI must run `npm ci --prefix {source}` before the tests.");
        }

        // Never install into the shared folder: a private copy, kept between runs.
        var copy = Path.Combine(Path.GetTempPath(), "newsreader-w3c-schemas");
        if (!Directory.Exists(Path.Combine(copy, "node_modules")))
        {
            CopyFolder(source, copy);
            var (exitCode, output) = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund", "--prefix", copy], copy, TimeSpan.FromMinutes(3));
            if (exitCode != 0)
            {
                if (Directory.Exists(Path.Combine(copy, "node_modules")))
                {
                    Directory.Delete(Path.Combine(copy, "node_modules"), recursive: true);
                }

                return Unavailable($"`npm ci` for the W3C schemas failed (offline?):\n{output}");
            }
        }

        return copy;
    }

    private static string Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return "";
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string program, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return (-1, Unavailable($"Cannot run {program} ({e.Message}): install Node.js to run the W3C schemas."));
        }

        using (process)
        {
            using var cancel = new CancellationTokenSource(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
            var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} did not finish within {timeout}.");
            }

            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
