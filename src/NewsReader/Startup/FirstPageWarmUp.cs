namespace NewsReader.Startup;

/// <summary>
/// The first page after a start is slow for reasons that have nothing to do with it: MVC builds
/// its invoker, Razor its view and tag helpers, the runtime loads and prepares hundreds of types,
/// once each. So while the main thread still starts the server, the library (<c>/</c>, the page a
/// visitor opens first) is rendered once in process, on the other core, into nothing: through
/// its endpoint only, so no middleware sees it (no log line, no cache entry, no rate limit).
/// Then EF Core is given its first query, which the library does not need (it reads on a plain
/// connection) but the reading view and everything signed in do. A failure is logged and
/// otherwise ignored: a real request would meet it again and report it.
/// </summary>
public sealed class FirstPageWarmUp(IServiceProvider services, DatabaseStartup database, ILogger<FirstPageWarmUp> logger)
{
    private Task<int>? _done;

    /// <summary>The library's status code (200), once it and EF Core's first query have run.</summary>
    public Task<int> Done => _done ?? throw new InvalidOperationException("The warm-up has not been started.");

    /// <summary>Begins, once; <paramref name="endpoints"/> are the app's, all mapped.</summary>
    public void Start(IEnumerable<EndpointDataSource> endpoints) => _done ??= Task.Run(() => RunAsync(endpoints));

    private async Task<int> RunAsync(IEnumerable<EndpointDataSource> endpoints)
    {
        try
        {
            await database.Ready;
        }
        catch (Exception)
        {
            return StatusCodes.Status503ServiceUnavailable;     // the host's start reports it and stops
        }

        try
        {
            var status = await RenderLibraryAsync(endpoints);
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<AppDb>().Articles.AsNoTracking().AnyAsync();
            }

            // A fresh install's setup code for the first administrator, in the log: it needs EF
            // Core, so it comes last, after the first page and EF Core's first query.
            try
            {
                await Accounts.FirstAdministrator.AnnounceAsync(services, CancellationToken.None);
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Could not check whether the first administrator needs a setup code");
            }

            return status;
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Warming up the first page failed");
            return StatusCodes.Status500InternalServerError;
        }
    }

    private async Task<int> RenderLibraryAsync(IEnumerable<EndpointDataSource> endpoints)
    {
        // Lazily, source by source: the pages' source comes first and ends the search.
        var library = endpoints.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .First(e => e.RoutePattern.RawText is "/" or "");
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = "/";
        context.Response.Body = Stream.Null;
        context.SetEndpoint(library);
        await library.RequestDelegate!(context);
        return context.Response.StatusCode;
    }
}

public static class FirstPageWarmUpSetup
{
    /// <summary>Web mode, once every endpoint is mapped: see <see cref="FirstPageWarmUp"/>.</summary>
    public static WebApplication WarmUpFirstPage(this WebApplication app)
    {
        app.Services.GetRequiredService<FirstPageWarmUp>().Start(((IEndpointRouteBuilder)app).DataSources);
        return app;
    }
}
