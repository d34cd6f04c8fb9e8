using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Settings.Configuration;

namespace NewsReader.Operations;

public static class Logging
{
    /// <summary>
    /// Serilog configured from appsettings.json (readable console) and appsettings.Production.json
    /// (JSON lines: <c>Serilog:Console:Json</c>). CLI commands log warnings only, to stderr, so their stdout stays their output.
    /// </summary>
    public static void AddLogging(this WebApplicationBuilder builder, bool quiet)
    {
        if (quiet)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Warning",
                ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
                ["Serilog:Console:StandardErrorFromLevel"] = "Verbose",
            });
        }

        // The console is this app's own sink (BatchedConsole), set up here from Serilog:Console;
        // Serilog's settings reader is given only the formatters' assembly to look in, not the
        // app's, whose every public type it would load at each start.
        var console = builder.Configuration.GetSection("Serilog:Console");
        var json = console.GetValue<bool>("Json");
        var standardErrorFrom = console.GetValue<LogEventLevel?>("StandardErrorFromLevel");
        var sinks = new ConfigurationReaderOptions(typeof(RenderedCompactJsonFormatter).Assembly);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration, sinks)
            .ReadFrom.Services(services)
            .WriteTo.BatchedConsole(json ? new RenderedCompactJsonFormatter() : null, standardErrorFromLevel: standardErrorFrom));
    }
}
