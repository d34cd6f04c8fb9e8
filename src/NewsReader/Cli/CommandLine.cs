using NewsReader.Accounts;
using NewsReader.Articles;
using NewsReader.Export;

namespace NewsReader.Cli;

/// <summary>
/// The app's command-line verbs (<c>import</c>, <c>export</c>, <c>users</c>…). Without a verb the
/// app serves the web. Host settings (<c>--urls</c>, <c>--environment</c>, <c>--Section:Key=value</c>)
/// go to the host; the rest are the verb's own.
/// </summary>
public sealed class CommandLine
{
    public const string Usage = """
        Usage: NewsReader [COMMAND] [OPTIONS]

        Without a command, serves the web app (--urls http://127.0.0.1:5000 to choose where).

        Commands:
          import PATH...                      import wire-text (.txt) and Markdown (.md) files; folders recursively
          export --user EMAIL --format md|jsonld|csv [--article SLUG] [--output FILE]
                                              export a reader's highlights and notes
          import-annotations --user EMAIL FILE
                                              restore a JSON-LD export (or W3C annotations from another tool)
          users list                          list accounts
          users add-admin EMAIL               make an account an administrator (creates it if missing)
          users reset-password EMAIL [--password PASSWORD]
                                              set a new password (printed when generated) and unlock
          users unlock EMAIL                  end a lockout after too many failed sign-ins
          users setup-code                    print the code the first account needs to register from another computer
          backup --to FILE                    a consistent copy of the database, while the server runs
          restore-backup --from FILE          check a backup and copy it over the database (stop the server first)
          healthcheck [URL]                   exit 0 when the running app reports healthy
          help                                show this text

        Host settings work with every command, e.g. --ConnectionStrings:NewsReader="Data Source=other.db".
        """;

    private static readonly HashSet<string> HostOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "--urls", "--environment", "--contentRoot", "--applicationName",
    };

    private CommandLine(string verb, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> options, string[] hostArgs)
    {
        Verb = verb;
        Arguments = arguments;
        Options = options;
        HostArgs = hostArgs;
    }

    public string Verb { get; }

    /// <summary>Positional arguments after the verb.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The verb's own <c>--name value</c> options, by name without dashes.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    public string[] HostArgs { get; }

    public static readonly string[] Verbs = ["import", "export", "import-annotations", "users", "backup", "restore-backup", "help", "--help", "-h"];

    /// <summary>The command in <paramref name="args"/>, or null when the app should serve the web.</summary>
    public static CommandLine? Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0]))
        {
            return null;
        }

        var arguments = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var hostArgs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            if (HostOptions.Contains(name) || (arg.StartsWith("--", StringComparison.Ordinal) && name.Contains(':')))
            {
                hostArgs.Add(arg);
                if (!arg.Contains('=') && i + 1 < args.Length)
                {
                    hostArgs.Add(args[++i]);
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var parts = arg[2..].Split('=', 2);
                options[parts[0]] = parts.Length == 2 ? parts[1] : i + 1 < args.Length ? args[++i] : "";
            }
            else
            {
                arguments.Add(arg);
            }
        }

        return new CommandLine(args[0], arguments, options, [.. hostArgs]);
    }

    public string? Option(string name) => Options.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public async Task<int> RunAsync(IServiceProvider services)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        await using var scope = services.CreateAsyncScope();
        try
        {
            return Verb switch
            {
                "import" => await ImportCommand.RunAsync(this, scope.ServiceProvider, cancel.Token),
                "export" => await ExportCommand.RunAsync(this, scope.ServiceProvider, cancel.Token),
                "import-annotations" => await RestoreCommand.RunAsync(this, scope.ServiceProvider, cancel.Token),
                "users" => await UsersCommand.RunAsync(this, scope.ServiceProvider, cancel.Token),
                "backup" => await Operations.BackupCommand.BackupAsync(this, scope.ServiceProvider),
                "restore-backup" => await Operations.BackupCommand.RestoreAsync(this, scope.ServiceProvider),
                _ => Help(),
            };
        }
        catch (CommandException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
    }

    private static int Help()
    {
        Console.WriteLine(Usage);
        return 0;
    }
}

/// <summary>A usage mistake on the command line: printed as one line, exit code 2.</summary>
public sealed class CommandException(string message) : Exception(message);
