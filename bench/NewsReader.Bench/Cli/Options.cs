using System.Globalization;

namespace NewsReader.Bench.Cli;

/// <summary>A command's <c>--name value</c> options; a name may repeat (<c>--header</c>).</summary>
public sealed class Options
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private Options()
    {
    }

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new UsageException($"expected --name value, got '{args[i]}'");
            }

            var name = args[i][2..];
            if (!options._values.TryGetValue(name, out var list))
            {
                options._values[name] = list = [];
            }

            list.Add(args[++i]);
        }

        return options;
    }

    public string? Get(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public string Required(string name) => Get(name) ?? throw new UsageException($"--{name} is required");

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public int Int(string name, int fallback) => Get(name) is { } value
        ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)
        : fallback;

    public double? Double(string name) => Get(name) is { } value
        ? double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)
        : null;
}

/// <summary>A mistake in a command's arguments: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
