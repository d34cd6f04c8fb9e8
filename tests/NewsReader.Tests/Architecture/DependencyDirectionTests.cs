using System.Text.RegularExpressions;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Architecture;

/// <summary>
/// The feature folders depend one way (README, Architecture): a folder may use only the folders
/// listed for it here. A use is a <c>using NewsReader.X</c>, a <c>NewsReader.X.</c> name, or a
/// name <c>X.Type</c> of a type that the app declares in <c>NewsReader.X</c>.
/// </summary>
public sealed partial class DependencyDirectionTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Cli"] = [],
        // The hub: AppDb lists every feature's entities and applies their configurations.
        ["Data"] = ["Accounts", "Articles", "Annotations", "Library"],
        ["Web"] = ["Data"],
        ["Accounts"] = ["Cli", "Data", "Web"],
        ["Articles"] = ["Accounts", "Cli", "Data", "Web"],
        ["Annotations"] = ["Articles", "Data", "Web"],
        ["Anchoring"] = ["Annotations", "Articles", "Data"],
        ["Export"] = ["Accounts", "Anchoring", "Annotations", "Articles", "Cli", "Data", "Library", "Web"],
        ["Search"] = ["Annotations", "Articles", "Data", "Web"],
        ["History"] = ["Anchoring", "Articles", "Data"],
        ["Notes"] = ["Annotations", "Articles", "Data", "Search", "Web"],
        ["Reading"] = ["Accounts", "Annotations", "Articles", "Data", "Library", "Web"],
        ["Library"] = ["Accounts", "Annotations", "Articles", "Data", "Web"],
        ["Operations"] = ["Cli", "Data", "Web"],
        ["Startup"] = ["Accounts", "Data", "Web"],
        ["Shared"] = ["Accounts", "Search", "Web"],
    };

    /// <summary>The types of NewsReader.Data itself (not its generated migrations and compiled model).</summary>
    private static readonly HashSet<string> DataTypes = typeof(Program).Assembly.GetTypes()
        .Where(t => t.Namespace is "NewsReader.Data" or "NewsReader.Data.Postgres" && !t.IsNested && !t.Name.StartsWith('<'))
        .Select(t => t.Name.Split('`')[0]).ToHashSet(StringComparer.Ordinal);

    private static string Source => Path.Combine(Paths.RepositoryRoot, "src", "NewsReader");

    [Fact]
    public void Every_feature_folder_has_a_rule()
    {
        var folders = Directory.GetDirectories(Source).Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj" or "Properties"))
            .Where(name => Directory.EnumerateFiles(Path.Combine(Source, name!), "*.cs*", SearchOption.AllDirectories).Any())
            .Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), folders!);
    }

    [Fact]
    public void Each_folder_uses_only_the_folders_it_may()
    {
        var typesByFolder = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("NewsReader.", StringComparison.Ordinal) == true)
            .GroupBy(t => t.Namespace!.Split('.')[1])
            .ToDictionary(g => g.Key, g => g.Select(t => t.Name.Split('`')[0]).ToHashSet(StringComparer.Ordinal));

        var violations = new List<string>();
        foreach (var (folder, allowed) in Allowed)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs*", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}CompiledModel{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;                                           // generated: names every entity
                }

                var text = File.ReadAllText(file);
                var used = Qualified().Matches(text).Select(m => m.Groups[1].Value)
                    .Concat(Bare().Matches(text)
                        .Where(m => typesByFolder.TryGetValue(m.Groups[1].Value, out var types) && types.Contains(m.Groups[2].Value))
                        .Select(m => m.Groups[1].Value));
                if (folder != "Data" && !allowed.Contains("Data"))
                {
                    // NewsReader.Data is a global using (NewsReader.csproj): its types need no using line to be used.
                    violations.AddRange(Word().Matches(text).Select(m => m.Value).Where(DataTypes.Contains).Distinct()
                        .Select(type => $"{Path.GetRelativePath(Source, file)} uses Data ({type})"));
                }

                violations.AddRange(used.Distinct()
                    .Where(other => other != folder && Allowed.ContainsKey(other) && !allowed.Contains(other))
                    .Select(other => $"{Path.GetRelativePath(Source, file)} uses {other}"));
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void The_rules_have_no_cycle_apart_from_the_data_hub()
    {
        var edges = Allowed.Where(kv => kv.Key != "Data").ToDictionary(kv => kv.Key, kv => kv.Value);
        var state = new Dictionary<string, int>();
        bool Cycles(string node)
        {
            state[node] = 1;
            foreach (var next in edges.GetValueOrDefault(node, []))
            {
                if (state.GetValueOrDefault(next) == 1 || (state.GetValueOrDefault(next) == 0 && Cycles(next)))
                {
                    return true;
                }
            }

            state[node] = 2;
            return false;
        }

        Assert.DoesNotContain(edges.Keys, node => state.GetValueOrDefault(node) == 0 && Cycles(node));
    }

    [GeneratedRegex(@"(?<![\w.])[A-Z]\w*")]
    private static partial Regex Word();

    [GeneratedRegex(@"NewsReader\.([A-Z]\w*)")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.""/])([A-Z]\w*)\.([A-Z]\w*)")]
    private static partial Regex Bare();
}
