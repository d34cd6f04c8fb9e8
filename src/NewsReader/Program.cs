using NewsReader;
using NewsReader.Accounts;
using NewsReader.Annotations;
using NewsReader.Articles;
using NewsReader.Cli;
using NewsReader.Data;
using NewsReader.Export;
using NewsReader.Operations;
using NewsReader.Web;

// `healthcheck` (Docker's HEALTHCHECK) must not build the app or touch the database.
if (HealthcheckCommand.Matches(args))
{
    return await HealthcheckCommand.RunAsync(args);
}

var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = command?.HostArgs ?? args,
    ContentRootPath = ContentRoot.Locate(),
    EnvironmentName = ContentRoot.DefaultEnvironment(args),
});

builder.AddLogging(quiet: command is not null);                 // Serilog from appsettings.json
builder.Services.AddNewsReaderOptions(builder.Configuration);  // the NewsReader section, validated
builder.Services.AddDatabase();                                // EF Core on SQLite (ConnectionStrings:NewsReader)
builder.Services.AddArticles();                                // importer, revision cache, renderer
builder.Services.AddAccounts();                                // Identity, cookies, admin policy
builder.Services.AddAnnotations();                             // highlights API and notes
builder.Services.AddExport();                                  // notes out (Markdown, JSON-LD, CSV) and back in (restore)

builder.Services.AddWeb();                                    // pages, security headers, rate limits, OpenAPI, health

if (command is null)
{
    builder.Services.AddDatabaseStartup();                     // web: the database is prepared while the server starts
    builder.Services.AddIdleTrim();                            // web: memory handed back when quiet
    builder.Services.AddSingleton<FirstPageWarmUp>();          // web: the library rendered once while the server starts
}

await using var app = builder.Build();                         // disposed on exit, so logs are flushed

if (command is not null)
{
    await Database.MigrateAsync(app.Services);                 // checked-in migrations; sample article on a new database
    return await command.RunAsync(app.Services);                // import, export, users…: no web server
}

app.PrepareDatabase();                                         // web: schema and sample article, while the server starts
app.UseWeb();                                                  // middleware, in order
app.MapArticles();                                             // /, /articles/{slug}, /articles/{slug}.txt, /import
app.MapAnnotations();                                          // /api/…
app.MapExport();                                               // /export downloads (My notes and restore are pages)

app.MapOperations();                                           // /healthz, /openapi/v1.json
app.WarmUpFirstPage();                                         // renders / once in process, on the other core, while the server starts

await app.RunAsync();
return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
