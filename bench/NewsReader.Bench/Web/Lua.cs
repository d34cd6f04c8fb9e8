namespace NewsReader.Bench.Web;

/// <summary>Pieces of the Lua scripts the figures hand to wrk.</summary>
public static class Lua
{
    /// <summary>A Lua long string: the text as it is, whatever quotes or backslashes it holds.</summary>
    public static string Quote(string text) => "[==[" + text + "]==]";

    /// <summary><c>local NAME = { … }</c>: the texts as long strings, one per line.</summary>
    public static string List(string name, IEnumerable<string> texts) =>
        $"local {name} = {{\n" + string.Concat(texts.Select(t => "  " + Quote(t) + ",\n")) + "}";

    /// <summary>Numbers wrk's threads 1, 2, … as <c>id</c>, a global in each thread's own script.</summary>
    public const string ThreadIds =
        """
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("id", threads)
        end
        """;
}
