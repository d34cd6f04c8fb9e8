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

    /// <summary>
    /// "Client closed request": what a request that ends because its client left (a closed tab, a
    /// dropped connection) is logged as. Nobody receives it.
    /// </summary>
    public const int ClientClosedRequest = 499;

    /// <summary>
    /// Ends a request whose client has gone as <see cref="ClientClosedRequest"/> when what it was
    /// doing is cancelled for that reason, instead of letting the cancellation surface as a
    /// server error (Serilog would log it as a 500 with a stack trace). Any other failure, and a
    /// cancellation while the client is still there, goes on to the error handling.
    /// </summary>
    public static async Task EndQuietlyIfClientLeftAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }
        }
    }

    /// <summary>One line per request (Serilog's), at the configured level.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NewsReaderOptions>>();
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();  // this app's, not the process-wide static one
            o.GetLevel = (context, _, error) => RequestLevel(context, error, options.Value.RequestLog.Level);
        });
        app.Use(EndQuietlyIfClientLeftAsync);
        return app;
    }
}
