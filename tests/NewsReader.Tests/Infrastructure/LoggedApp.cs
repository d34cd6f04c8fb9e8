namespace NewsReader.Tests.Infrastructure;

/// <summary>The app with every Serilog event also kept in memory (Serilog reads sinks from the services).</summary>
public sealed class LoggedApp : TestApp
{
    public System.Collections.Concurrent.ConcurrentQueue<Serilog.Events.LogEvent> Events { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");  // the request log's level
        builder.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(new Sink(Events)));
    }

    private sealed class Sink(System.Collections.Concurrent.ConcurrentQueue<Serilog.Events.LogEvent> events) : Serilog.Core.ILogEventSink
    {
        public void Emit(Serilog.Events.LogEvent logEvent) => events.Enqueue(logEvent);
    }
}
