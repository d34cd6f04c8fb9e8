using NewsReader.Operations;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace NewsReader.Tests.Operations;

public sealed class BatchedConsoleTests
{
    private static LogEvent Event(LogEventLevel level, string text) =>
        new(DateTimeOffset.UnixEpoch, level, null, new MessageTemplateParser().Parse(text), []);

    /// <summary>Counts its flushes: what reached the console, and in how many writes.</summary>
    private sealed class Console : StringWriter
    {
        public int Flushes { get; private set; }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }

    [Fact]
    public async Task A_batch_reaches_the_console_in_order_in_one_write_and_the_levels_asked_for_go_to_standard_error()
    {
        var (output, error) = (new Console(), new Console());
        var sink = new BatchedConsoleSink(new MessageTemplateTextFormatter("{Level:u3} {Message}{NewLine}", null), LogEventLevel.Warning, output, error);

        await sink.EmitBatchAsync([Event(LogEventLevel.Information, "one"), Event(LogEventLevel.Warning, "two"), Event(LogEventLevel.Debug, "three")]);

        Assert.Equal($"INF one{Environment.NewLine}DBG three{Environment.NewLine}", output.ToString());
        Assert.Equal($"WRN two{Environment.NewLine}", error.ToString());
        Assert.Equal(1, output.Flushes);
    }

    [Fact]
    public async Task Without_a_level_for_standard_error_everything_goes_to_standard_output()
    {
        var (output, error) = (new Console(), new Console());
        var sink = new BatchedConsoleSink(new MessageTemplateTextFormatter("{Message}{NewLine}", null), null, output, error);

        await sink.EmitBatchAsync([Event(LogEventLevel.Fatal, "down"), Event(LogEventLevel.Verbose, "detail")]);

        Assert.Equal($"down{Environment.NewLine}detail{Environment.NewLine}", output.ToString());
        Assert.Equal("", error.ToString());
    }
}
