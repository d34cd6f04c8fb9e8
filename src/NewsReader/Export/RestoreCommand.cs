using NewsReader.Cli;

namespace NewsReader.Export;

/// <summary>
/// <c>import-annotations --user EMAIL FILE</c>: restores a JSON-LD export into a reader's notes.
/// Exit 0 when everything in the file is in the library afterwards, 1 when the file was
/// rejected (nothing changed), 3 when some annotations could not be restored (listed on stderr).
/// </summary>
public static class RestoreCommand
{
    public static AppCommandLine.Verb Verb(AppCommandLine cli) => new(VerbInput.Define(cli, "import-annotations",
        "Restore a JSON-LD export (or W3C annotations from another tool) into a reader's notes. Exit 1: refused; 3: some not restored.",
        VerbInput.One("FILE", "the JSON-LD file"),
        [VerbInput.String("user", "whose notes to restore into (their email)", "EMAIL")],
        RunAsync));

    public static async Task<int> RunAsync(VerbInput command, IServiceProvider services, CancellationToken ct)
    {
        var email = command.Option("user") ?? throw new CommandException("import-annotations needs --user EMAIL: whose notes to restore into");
        if (command.Arguments.Count != 1)
        {
            throw new CommandException("import-annotations needs one file: import-annotations --user EMAIL FILE");
        }

        var user = await services.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email)
            ?? throw new CommandException($"no account with email '{email}'");
        var path = command.Arguments[0];
        RestoreReport report;
        try
        {
            await using var file = File.OpenRead(path);
            report = await services.GetRequiredService<AnnotationRestore>().RestoreAsync(user.Id, file, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"cannot read {path}: {e.Message}");
        }

        if (report.Rejected)
        {
            await Console.Error.WriteLineAsync($"error: {path} was not restored; nothing changed:");
            foreach (var error in report.Errors)
            {
                await Console.Error.WriteLineAsync("  " + error);
            }

            return 1;
        }

        Console.WriteLine($"restored {report.Restored} highlight(s) ({report.Orphaned} orphaned), {report.ArticleNotes} article note(s); "
            + $"{report.AlreadyPresent} already present");
        foreach (var missing in report.MissingArticles)
        {
            await Console.Error.WriteLineAsync($"not restored: {missing.Annotations} annotation(s) on {missing.Source}: no such article in this library");
        }

        foreach (var ignored in report.Ignored)
        {
            await Console.Error.WriteLineAsync("not restored: " + ignored);
        }

        if (report.MissingArticles.Count > 0)
        {
            await Console.Error.WriteLineAsync("Import those articles, then restore the same file again: nothing is duplicated.");
        }

        return report.NotRestored > 0 ? 3 : 0;
    }
}
