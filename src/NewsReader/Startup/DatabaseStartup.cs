namespace NewsReader.Startup;

/// <summary>
/// Prepares the database (the schema; the sample article on a new one) while the web server
/// starts, so on start-up the two overlap instead of running one after the other: it begins as
/// soon as the services are built (<see cref="FastStart.UseFastStart"/>), while the
/// main thread still sets up the pipeline and the server. The host counts as started only once
/// the database is ready (<see cref="StartedAsync"/> waits, and a failure stops the start as
/// before); a request that reaches the server in between waits for it at
/// <see cref="FastStart.UseFastStart"/>, placed before anything that reads the database.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services) : IHostedLifecycleService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the database is migrated; faults with the migration's error.</summary>
    public Task Ready => _ready.Task;

    private int _begun;

    /// <summary>Starts the work once; later calls (the host's start) find it under way.</summary>
    public void Begin()
    {
        if (Interlocked.Exchange(ref _begun, 1) == 1)
        {
            return;
        }

        // SQLite's "async" calls run synchronously: a thread of its own, or the server waits.
        _ = Task.Run(async () =>
        {
            try
            {
                await Database.MigrateAsync(services, CancellationToken.None);
                _ready.SetResult();
            }
            catch (Exception error)
            {
                _ready.SetException(error);
                return;
            }

            // The data folder's other content, the key ring behind sign-in cookies: loaded here,
            // where the host's start would load it on the main thread (Accounts' own preload).
            Accounts.KeyRing.Preload(services);
        }, CancellationToken.None);
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Begin();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Ready.WaitAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The start-up shortcuts, together (README.md beside this file): the database prepared from the
/// migrations' SQL script while the server starts, requests held at a gate until it is ready, the
/// library rendered once in process meanwhile. Everything they skip (EF Core's model building and
/// first query, MVC's first render) still happens, on the other core, before a reader needs it.
/// </summary>
public static class FastStart
{
    /// <summary>Web mode: migrate while the server starts (CLI commands migrate first, in Program); warm up the first page.</summary>
    public static IServiceCollection AddFastStart(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseStartup>());
        services.AddSingleton<FirstPageWarmUp>();
        return services;
    }

    /// <summary>
    /// Web mode, first in the pipeline: begins preparing the database now, before the host starts,
    /// and holds requests until it is ready (a no-op check once it is).
    /// </summary>
    public static WebApplication UseFastStart(this WebApplication app)
    {
        var startup = app.Services.GetRequiredService<DatabaseStartup>();
        startup.Begin();
        var ready = startup.Ready;
        app.Use(async (context, next) =>
        {
            if (!ready.IsCompletedSuccessfully)
            {
                await ready.WaitAsync(context.RequestAborted);
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// PostgreSQL: waits for the database before the host starts, so a server that cannot be
    /// reached stops start-up with <see cref="DatabaseSetupException"/>'s one line (Program)
    /// instead of the host's logged failure. SQLite goes on overlapping, as before: its file is
    /// on this machine.
    /// </summary>
    public static async Task DatabaseReachedAsync(this WebApplication app)
    {
        if (Database.IsPostgres(app.Services))
        {
            await app.Services.GetRequiredService<DatabaseStartup>().Ready;
        }
    }
}
