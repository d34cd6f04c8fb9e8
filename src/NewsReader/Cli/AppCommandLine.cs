using System.CommandLine;
using System.CommandLine.Help;

namespace NewsReader.Cli;

/// <summary>
/// The app's command line, on System.CommandLine. Without a verb the app serves the web. Each
/// feature defines its own verbs beside its code (<see cref="Verb"/>) and Program adds them;
/// this class only knows how to run one. Host settings (<c>--urls</c>, <c>--environment</c>,
/// <c>--contentRoot</c>, <c>--applicationName</c> and configuration keys, <c>--Section:Key=value</c>
/// or <c>--Key=value</c>)
/// are taken out first and go to the host; everything else must be a verb's own, so an unknown
/// option, a missing value or a misspelt verb is a usage error: one line on stderr, naming it
/// (with "did you mean" where one is close), and exit code 2. <c>--help</c> works on every verb.
/// </summary>
public sealed partial class AppCommandLine
{
    [System.Text.RegularExpressions.GeneratedRegex("Unrecognized option '([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex UnknownOption();

    public const int UsageError = 2;

    private static readonly HashSet<string> HostOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "--urls", "--environment", "--contentRoot", "--applicationName",
    };

    private readonly RootCommand _root = new("NewsReader: read news articles, highlight them, keep notes. Without a command, serves the web app (--urls http://127.0.0.1:5000 to choose where).");
    private readonly List<Verb> _verbs = [];

    public AppCommandLine()
    {
        var help = new Command("help", "List the commands, one line each (COMMAND --help tells more about one).");
        help.SetAction(_ =>
        {
            Console.WriteLine(Synopsis());
            return 0;
        });
        _root.Subcommands.Add(help);
    }

    /// <summary>Every command in one line each (<c>import PATH...</c>, <c>users unlock EMAIL</c>…), made from the same definitions as --help.</summary>
    public string Synopsis()
    {
        var lines = new List<(string Usage, string Description)>();
        void Walk(Command command, string prefix)
        {
            var name = prefix.Length == 0 ? command.Name : $"{prefix} {command.Name}";
            if (command.Subcommands.Count > 0)
            {
                foreach (var sub in command.Subcommands)
                {
                    Walk(sub, name);
                }

                return;
            }

            var usage = new System.Text.StringBuilder(name);
            foreach (var argument in command.Arguments)
            {
                usage.Append(' ').Append(argument.Name).Append(argument.Arity.MaximumNumberOfValues > 1 ? "..." : "");
            }

            foreach (var option in command.Options.Where(o => o is not HelpOption))
            {
                usage.Append(" [").Append(option.Name).Append(' ').Append(option.HelpName ?? "VALUE").Append(']');
            }

            lines.Add((usage.ToString(), command.Description ?? ""));
        }

        foreach (var command in _root.Subcommands)
        {
            Walk(command, "");
        }

        var width = Math.Min(lines.Max(l => l.Usage.Length), 40) + 2;
        return "Usage: NewsReader [COMMAND] [OPTIONS]   (no command: serve the web app)\n\nCommands:\n"
            + string.Join('\n', lines.Select(l => l.Usage.Length < width ? $"  {l.Usage.PadRight(width)}{l.Description}" : $"  {l.Usage}\n  {new string(' ', width)}{l.Description}"))
            + "\n\nHost settings work with every command: --urls, --environment, --Section:Key=value (e.g. --ConnectionStrings:NewsReader=\"Data Source=other.db\").";
    }

    /// <summary>The services a verb's action runs with; set once the app is built (never for <see cref="Verb.NeedsApp"/> false).</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>A verb and whether it needs the app (its services and database) to run.</summary>
    public sealed record Verb(Command Command, bool NeedsApp = true);

    public AppCommandLine Add(Func<AppCommandLine, Verb> verb)
    {
        var made = verb(this);
        _verbs.Add(made);
        _root.Subcommands.Add(made.Command);
        return this;
    }

    public AppCommandLine Add(Func<Verb> verb) => Add(_ => verb());

    public AppCommandLine Add(Func<AppCommandLine, IEnumerable<Verb>> verbs)
    {
        foreach (var made in verbs(this))
        {
            _verbs.Add(made);
            _root.Subcommands.Add(made.Command);
        }

        return this;
    }

    /// <summary>What the arguments ask for: the web (no verb), or a verb, parsed (errors included).</summary>
    public Invocation Parse(string[] args)
    {
        var (host, own) = SplitHostSettings(args);
        if (own.Length == 0)
        {
            return new Invocation(this, null, host, NeedsApp: true);
        }

        var result = _root.Parse(own, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // The verb is the top-level command the parse landed in or under (users unlock: users).
        var chain = new List<Command> { result.CommandResult.Command };
        chain.AddRange(result.CommandResult.Command.Parents.OfType<Command>());
        var verb = _verbs.FirstOrDefault(v => chain.Contains(v.Command));
        return new Invocation(this, result, host, verb?.NeedsApp == true && result.Errors.Count == 0 && result.Action is not HelpAction);
    }

    /// <summary>Host settings, with their values, out of the arguments; the rest in their order.</summary>
    public static (string[] Host, string[] Own) SplitHostSettings(string[] args)
    {
        var host = new List<string>();
        var own = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            if (IsHostSetting(arg, name))
            {
                host.Add(arg);
                if (!arg.Contains('=') && i + 1 < args.Length)
                {
                    host.Add(args[++i]);
                }
            }
            else
            {
                own.Add(arg);
            }
        }

        return ([.. host], [.. own]);
    }

    /// <summary>
    /// <c>--urls</c> and the host's other options; a configuration key: <c>--Section:Key=value</c>,
    /// or a capitalised <c>--Key=value</c> (configuration keys are PascalCase; a verb's options are
    /// lower case, so a mistyped one is still caught).
    /// </summary>
    private static bool IsHostSetting(string arg, string name) =>
        HostOptions.Contains(name)
        || (arg.StartsWith("--", StringComparison.Ordinal) && (name.Contains(':') || (name.Length > 2 && char.IsUpper(name[2]))));

    /// <summary>Runs a verb's body with a scope of the app's services: usage mistakes exit 2, Ctrl+C exits 130.</summary>
    public async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var services = Services ?? throw new InvalidOperationException("The command runs before the app was built.");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += stop;
        await using var scope = services.CreateAsyncScope();
        try
        {
            return await body(scope.ServiceProvider, cancel.Token);
        }
        catch (CommandException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    /// <summary>Parsed arguments: the web (<see cref="IsWeb"/>) or a verb to invoke.</summary>
    public sealed record Invocation(AppCommandLine Owner, ParseResult? Result, string[] HostArgs, bool NeedsApp)
    {
        public bool IsWeb => Result is null;

        public async Task<int> InvokeAsync(CancellationToken ct = default)
        {
            if (Result is null)
            {
                throw new InvalidOperationException("Nothing to invoke: the arguments ask for the web app.");
            }

            if (Result.Errors.Count > 0)
            {
                await Console.Error.WriteLineAsync($"error: {Describe(Result)}");
                return UsageError;
            }

            return await Result.InvokeAsync(new InvocationConfiguration(), ct);
        }

        /// <summary>The first problem, in one line, with the nearest verb or option when there is one.</summary>
        private static string Describe(ParseResult result)
        {
            var command = result.CommandResult.Command;
            var path = string.Join(' ', result.CommandResult.Command.Parents.OfType<Command>().Where(c => c is not RootCommand).Reverse()
                .Append(command).Where(c => c is not RootCommand).Select(c => c.Name));
            var unknown = result.UnmatchedTokens.FirstOrDefault()
                ?? result.Errors.Select(e => UnknownOption().Match(e.Message)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            if (unknown is not null)
            {
                var isOption = unknown.StartsWith('-');
                var candidates = isOption ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)) : command.Subcommands.Select(c => c.Name);
                var nearest = candidates.Select(c => (Name: c, Distance: Distance(unknown, c)))
                    .Where(c => c.Distance > 0 && c.Distance <= Math.Max(2, unknown.Length / 3))
                    .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
                    .FirstOrDefault().Name;
                var what = isOption ? $"unknown option '{unknown}'" : command.Subcommands.Count > 0 ? $"unknown command '{unknown}'" : $"unexpected argument '{unknown}'";
                var where = path.Length == 0 ? "" : $" for {path}";
                return nearest is null ? $"{what}{where}." : $"{what}{where}. Did you mean '{nearest}'?";
            }

            if (command.Subcommands.Count > 0 && result.Errors.Any(e => e.Message.Contains("Required command", StringComparison.Ordinal)))
            {
                return $"{path} needs one of: {string.Join(", ", command.Subcommands.Select(c => c.Name))}.";
            }

            return result.Errors[0].Message.TrimEnd('.') + ".";
        }

        private static int Distance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1),
                        previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
                }

                previous = current;
            }

            return previous[b.Length];
        }
    }
}

/// <summary>A usage mistake on the command line found by a verb itself: printed as one line, exit code 2.</summary>
public sealed class CommandException(string message) : Exception(message);

/// <summary>
/// What a verb was given: its positional arguments and its options by name (without dashes).
/// Only options the verb declared can be here: anything else was a usage error before it ran.
/// </summary>
public sealed class VerbInput(ParseResult result, IReadOnlyList<string> arguments)
{
    public IReadOnlyList<string> Arguments { get; } = arguments;

    public string? Option(string name) =>
        result.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--" + name) is Option<string> option
        && result.GetValue(option) is { Length: > 0 } value ? value : null;

    /// <summary>A verb that takes string options and positional arguments, run with the app's services.</summary>
    public static Command Define(AppCommandLine cli, string name, string description, Argument? arguments,
        IEnumerable<Option<string>> options, Func<VerbInput, IServiceProvider, CancellationToken, Task<int>> run)
    {
        var command = new Command(name, description);
        if (arguments is not null)
        {
            command.Arguments.Add(arguments);
        }

        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => cli.RunAsync(
            (services, token) => run(new VerbInput(parse, Values(parse, arguments)), services, token), ct));
        return command;
    }

    private static IReadOnlyList<string> Values(ParseResult parse, Argument? arguments) => arguments switch
    {
        Argument<string[]> many => parse.GetValue(many) ?? [],
        Argument<string?> one => parse.GetValue(one) is { } value ? [value] : [],
        _ => [],
    };

    public static Option<string> String(string name, string description, string helpName) =>
        new("--" + name) { Description = description, HelpName = helpName };

    /// <summary>Positional arguments; a value that looks like an option is an unknown option, not a file name.</summary>
    public static Argument<string[]> Many(string name, string description) => Positional(name, description, ArgumentArity.ZeroOrMore);

    /// <summary>One positional argument (the verb says so when it is missing); a value that looks like an option is an unknown option.</summary>
    public static Argument<string?> One(string name, string description) =>
        NoOptions(new Argument<string?>(name) { Arity = ArgumentArity.ZeroOrOne, Description = description });

    private static Argument<string[]> Positional(string name, string description, ArgumentArity arity) =>
        NoOptions(new Argument<string[]>(name) { Arity = arity, Description = description });

    private static T NoOptions<T>(T argument)
        where T : Argument
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.StartsWith('-') && t.Value.Length > 1) is { } token)
            {
                result.AddError($"Unrecognized option '{token.Value}'.");
            }
        });
        return argument;
    }
}
