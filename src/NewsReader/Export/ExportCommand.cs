using NewsReader.Cli;

namespace NewsReader.Export;

/// <summary>
/// <c>export --user EMAIL --format md|jsonld|csv [--article SLUG] [--output FILE]</c>: the same
/// export as the web's, to a file (written whole or not at all) or to standard output. Absolute
/// URLs start with NewsReader:PublicUrl, since there is no request to take a host from.
/// </summary>
public static class ExportCommand
{
    public static AppCommandLine.Verb Verb(AppCommandLine cli) => new(VerbInput.Define(cli, "export",
        "Export a reader's highlights and notes (to standard output without --output).", null,
        [
            VerbInput.String("user", "whose notes (their email)", "EMAIL"),
            VerbInput.String("format", "md, jsonld or csv", "md|jsonld|csv"),
            VerbInput.String("article", "one article's notes only", "SLUG"),
            VerbInput.String("output", "write to this file (whole or not at all)", "FILE"),
        ],
        RunAsync));

    public static async Task<int> RunAsync(VerbInput command, IServiceProvider services, CancellationToken ct)
    {
        var email = command.Option("user") ?? throw new CommandException("export needs --user EMAIL: whose notes to export");
        var format = ExportFormats.Parse(command.Option("format"))
            ?? throw new CommandException("export needs --format md|jsonld|csv");
        var user = await services.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email)
            ?? throw new CommandException($"no account with email '{email}'");
        var publicUrl = services.GetRequiredService<IOptions<NewsReaderOptions>>().Value.PublicUrl;
        var request = new ExportRequest(user.Id, format, command.Option("article"), publicUrl);
        var exporter = services.GetRequiredService<NotesExporter>();

        ExportSummary? summary;
        if (command.Option("output") is not { } output)
        {
            await using var stdout = Console.OpenStandardOutput();
            summary = await exporter.ExportAsync(request, stdout, ct);
        }
        else
        {
            // Written beside the target and moved over it at the end, so a failed export leaves no half file.
            var path = Path.GetFullPath(output);
            var partial = path + ".partial";
            try
            {
                await using (var file = File.Create(partial))
                {
                    summary = await exporter.ExportAsync(request, file, ct);
                }

                if (summary is not null)
                {
                    File.Move(partial, path, overwrite: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CommandException($"cannot write {path}: {e.Message}");
            }
            finally
            {
                File.Delete(partial);
            }
        }

        if (summary is null)
        {
            throw new CommandException($"no article with slug '{request.ArticleSlug}'");
        }

        await Console.Error.WriteLineAsync(
            $"exported {summary.Highlights} highlight(s) ({summary.Orphans} orphaned) from {summary.Articles} article(s)"
            + (command.Option("output") is { } written ? $" to {Path.GetFullPath(written)}" : ""));
        return 0;
    }
}
