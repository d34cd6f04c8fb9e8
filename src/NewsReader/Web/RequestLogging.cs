using Serilog;
using Serilog.Events;

namespace NewsReader.Web;

/// <summary>One log line per request (Serilog's), at <c>NewsReader:RequestLog:Level</c>.</summary>
public static class RequestLogging
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
}
