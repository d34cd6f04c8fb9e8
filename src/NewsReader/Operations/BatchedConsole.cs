using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace NewsReader.Operations;

/// <summary>
/// The console NewsReader logs to (<c>Serilog:Console</c>, set up by <see cref="Logging"/>): events
/// wait in Serilog's batching queue and one background loop formats them and writes each batch to
/// standard output (or error) at once. A console sink behind an async wrapper woke its worker
/// thread and wrote to the console once per event: on a busy server that cost a context switch
/// and a system call per request (bench/README.md, tenth round). An event waits at most
/// <see cref="Delay"/>; whatever is queued is written when the app stops.
/// </summary>
public sealed class BatchedConsoleSink(ITextFormatter formatter, LogEventLevel? standardErrorFromLevel, TextWriter output, TextWriter error)
    : IBatchedLogEventSink
{
    /// <summary>The longest an event waits in the queue before it is written.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(50);

    /// <summary>Events queued beyond this are dropped (as the async wrapper did) rather than holding memory or requests.</summary>
    public const int QueueLimit = 100_000;

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, logEvent.Level >= standardErrorFromLevel ? error : output);
        }

        output.Flush();
        error.Flush();
        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;
}

public static class BatchedConsoleConfiguration
{
    /// <summary>Serilog's console layout, readable: what Development and the CLI show.</summary>
    public const string ReadableTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The console sink: <paramref name="formatter"/> (e.g. Serilog's compact JSON) or else
    /// <paramref name="outputTemplate"/>; events at or above <paramref name="standardErrorFromLevel"/>
    /// go to standard error (the CLI sends all there, so its output stays its own).
    /// </summary>
    public static LoggerConfiguration BatchedConsole(this LoggerSinkConfiguration sinks, ITextFormatter? formatter = null,
        string outputTemplate = ReadableTemplate, LogEventLevel? standardErrorFromLevel = null) =>
        sinks.Sink(new BatchedConsoleSink(formatter ?? new MessageTemplateTextFormatter(outputTemplate, CultureInfo.InvariantCulture), standardErrorFromLevel,
                new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024),
                new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false), 16 * 1024)),
            new BatchingOptions { BatchSizeLimit = 1_000, BufferingTimeLimit = BatchedConsoleSink.Delay, QueueLimit = BatchedConsoleSink.QueueLimit });
}
