using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace NewsReader.Operations;

public static class Logging
{
    /// <summary>The level of a request's log line (<see cref="RequestLogOptions"/>).</summary>
    public static LogEventLevel RequestLevel(HttpContext context, Exception? error, LogEventLevel normal) =>
        error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
        : context.Response.StatusCode == StatusCodes.Status429TooManyRequests || context.Request.Path.StartsWithSegments("/healthz") ? LogEventLevel.Debug
        : normal;

    /// <summary>One line per request (Serilog's), at the configured level.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NewsReaderOptions>>();
        app.UseSerilogRequestLogging(o => o.GetLevel = (context, _, error) => RequestLevel(context, error, options.Value.RequestLog.Level));
        return app;
    }

    /// <summary>
    /// Serilog configured from appsettings.json (readable console) and appsettings.Production.json
    /// (JSON). CLI commands log warnings only, to stderr, so their stdout stays their output.
    /// </summary>
    public static void AddLogging(this WebApplicationBuilder builder, bool quiet)
    {
        if (quiet)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
                ["Serilog:WriteTo:Async:Args:configure:0:Args:standardErrorFromLevel"] = "Verbose",
            });
        }

        // The assemblies whose sinks and formatters the settings may name, given up front:
        // otherwise Serilog opens every DLL beside the app to look for them on each start.
        var sinks = new ConfigurationReaderOptions(
            typeof(ConsoleLoggerConfigurationExtensions).Assembly,
            typeof(LoggerConfigurationAsyncExtensions).Assembly,
            typeof(Serilog.Formatting.Compact.RenderedCompactJsonFormatter).Assembly);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration, sinks)
            .ReadFrom.Services(services));
    }
}
