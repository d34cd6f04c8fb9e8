using Serilog;
using Serilog.Settings.Configuration;

namespace NewsReader.Operations;

public static class Logging
{
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
                ["Serilog:WriteTo:Console:Args:standardErrorFromLevel"] = "Verbose",
            });
        }

        // The assemblies whose sinks and formatters the settings may name, given up front:
        // otherwise Serilog opens every DLL beside the app to look for them on each start.
        var sinks = new ConfigurationReaderOptions(
            typeof(BatchedConsoleConfiguration).Assembly,
            typeof(Serilog.Formatting.Compact.RenderedCompactJsonFormatter).Assembly);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration, sinks)
            .ReadFrom.Services(services));
    }
}
