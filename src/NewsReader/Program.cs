using NewsReader;
using NewsReader.Accounts;
using NewsReader.Anchoring;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Articles.Import;
using NewsReader.Cli;
using NewsReader.Export;
using NewsReader.Library;
using NewsReader.Operations;
using NewsReader.Search;
using NewsReader.Startup;
using NewsReader.Web;

// The command line (CommandLine() below). No verb: the web app.
var cli = Program.CommandLine();
var invocation = cli.Parse(args);
if (!invocation.IsWeb && !invocation.NeedsApp)
{
    return await invocation.InvokeAsync();                     // help, usage errors, healthcheck: no app, no database
}

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = invocation.HostArgs,
        ContentRootPath = ContentRoot.Locate(),
        EnvironmentName = ContentRoot.DefaultEnvironment(args),
    });

    builder.AddLogging(quiet: !invocation.IsWeb);                  // Serilog from appsettings.json
    builder.Services.AddNewsReaderOptions(builder.Configuration);  // the NewsReader section, validated
    builder.Services.AddDatabase(builder.Configuration);          // EF Core on SQLite, or PostgreSQL (NewsReader:Database:Provider; ConnectionStrings:NewsReader)
    builder.Services.AddArticles();                                // importer, revision cache, renderer
    builder.Services.AddAnchoring();                               // highlights follow an article to its new revision
    builder.Services.AddAccounts();                                // Identity, cookies, admin policy
    builder.Services.AddAnnotations();                             // highlights API and notes
    builder.Services.AddExport();                                  // notes out (Markdown, JSON-LD, CSV) and back in (restore)
    builder.Services.AddSearch();                                  // full-text search over articles and each reader's highlights

    builder.Services.AddWeb();                                    // pages, security headers, rate limits, OpenAPI, health

    if (invocation.IsWeb)
    {
        builder.Services.AddFastStart();                           // web: the database prepared and the first page rendered while the server starts
        builder.Services.AddIdleTrim();                            // web: memory handed back when quiet
    }

    await using var app = builder.Build();                         // disposed on exit, so logs are flushed

    if (!invocation.IsWeb)
    {
        await Database.MigrateAsync(app.Services);                 // checked-in migrations; sample article on a new database
        cli.Services = app.Services;
        return await invocation.InvokeAsync();                     // import, export, users…: no web server
    }

    app.UseIdleTrim();                                             // counts requests in flight; trims memory when quiet
    app.UseFastStart();                                            // schema and sample article while the server starts; requests wait until then
    app.UseWeb();                                                  // the pipeline (errors, security headers, static files, auth) and every Razor page: /, /articles/{slug}, /import, /notes, /search, /import/annotations, /Account/…, /error
    app.MapArticles();                                             // /articles/{slug}.txt (the article's plain text)
    app.MapAnnotations();                                          // /api/articles/{slug}/highlights, /api/highlights/{id}, /api/articles/{slug}/note, /api/colors
    app.MapExport();                                               // /export downloads; the upload size limit for /import/annotations
    app.MapSearch();                                               // /api/search (the results page, /search, is a Razor page)
    app.MapLibrary();                                              // /api/articles/{slug}/state

    app.MapOperations();                                           // /healthz, /openapi/v1.json
    app.WarmUpFirstPage();                                         // renders / once in process, on the other core, while the server starts
    await app.DatabaseReachedAsync();                              // PostgreSQL: a server that does not answer stops here, in one line

    await app.RunAsync();
    return 0;
}
catch (DatabaseSetupException e)
{
    // A wrong setting or a server that does not answer: one line, no stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return e.ExitCode;
}

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program
{
    /// <summary>The verbs, each defined beside its feature's code.</summary>
    public static AppCommandLine CommandLine() => new AppCommandLine()
        .Add(ImportCommand.Verb)                               // import PATH...
        .Add(ExportCommand.Verb)                               // export --user --format [--article] [--output]
        .Add(RestoreCommand.Verb)                              // import-annotations --user FILE
        .Add(UsersCommand.Verb)                                // users list | add-admin | reset-password | unlock | setup-code
        .Add(BackupCommand.Verbs)                              // backup --to FILE, restore-backup --from FILE
        .Add(CopyDatabaseCommand.Verb)                         // copy-database --to-postgres CONNECTION
        .Add(HealthcheckCommand.Verb);                         // healthcheck [URL]: builds no app (Docker's HEALTHCHECK)
}
