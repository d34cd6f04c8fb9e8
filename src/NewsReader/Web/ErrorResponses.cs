using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace NewsReader.Web;

/// <summary>
/// What a failed request answers. A busy database (SQLite's lock not free in time) is a 503 with
/// <c>Retry-After</c>, never a 500; a body too large is a 413; the JSON API always answers with
/// problem details (status pages, exceptions and all, with a trace id), pages with the friendly
/// error page.
/// </summary>
public static class ErrorResponses
{
    /// <summary>Seconds a client is asked to wait after a 503 because the database was busy.</summary>
    public const int BusyRetryAfterSeconds = 2;

    public static bool IsApi(HttpContext context) => IsApi(context.Request.Path);

    /// <summary>Under /api, in any case (routes match any case).</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");

    /// <summary>The status an exception stands for: what the client or a busy database caused is not the server's 500.</summary>
    public static int StatusFor(Exception? exception) => exception switch
    {
        null => StatusCodes.Status500InternalServerError,
        BadHttpRequestException bad => bad.StatusCode,
        _ when IsBusy(exception) => StatusCodes.Status503ServiceUnavailable,
        _ when IsUnstorableText(exception) => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>What the client is told when its text holds a character PostgreSQL cannot store.</summary>
    public const string UnstorableTextDetail = "The text holds a NUL character (U+0000), which cannot be stored. Remove it and try again.";

    /// <summary>
    /// PostgreSQL refused the client's text (a NUL character, U+0000, which no PostgreSQL text
    /// can hold; SQLite stores it): the request's fault, a 400, never a 500.
    /// </summary>
    public static bool IsUnstorableText(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: "22021" or "22P05" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The database is busy, anywhere in the chain (EF Core wraps it): SQLite's "database is
    /// locked" or "busy"; PostgreSQL out of connections (the pool's wait timed out, or the
    /// server's limit), a deadlock, a serialization failure, a lock or statement timeout, a
    /// server shutting down or unreachable: the client may try again.
    /// </summary>
    public static bool IsBusy(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 5 or 6 })
            {
                return true;
            }

            if (e is Npgsql.PostgresException postgres)
            {
                return postgres.IsTransient || postgres.SqlState is "53300" or "55P03" or "57014" or "40001" or "40P01";
            }

            if (e is Npgsql.NpgsqlException { IsTransient: true } or Npgsql.NpgsqlException { InnerException: TimeoutException })
            {
                return true;
            }
        }

        return false;
    }

    public static IServiceCollection AddErrorResponses(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? c.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<ExceptionResponder>();
        return services;
    }

    /// <summary>Exceptions, then empty error statuses: problem details under /api, the error page elsewhere.</summary>
    public static WebApplication UseErrorResponses(this WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        return app;
    }

    private sealed class ExceptionResponder(ILogger<ExceptionResponder> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var status = StatusFor(exception);
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                log.LogWarning("The database was busy for {Method} {Path}: answered 503", context.Request.Method, context.Request.Path);
                context.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            // The middleware has already pointed the request at /error: the original path says what was asked.
            var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
            if (!IsApi(path))
            {
                return false;                                  // the error page, which asks StatusFor too
            }

            // Written here, whatever the request's Accept says: an API client always gets problem details.
            await Results.Problem(
                statusCode: status,
                title: status switch
                {
                    StatusCodes.Status503ServiceUnavailable => "The database is busy",
                    StatusCodes.Status413PayloadTooLarge => "Request body too large",
                    >= 500 => "Something went wrong",
                    _ => "Bad request",
                },
                detail: status switch
                {
                    StatusCodes.Status503ServiceUnavailable => $"Another write held the database too long. Try again in {BusyRetryAfterSeconds} seconds.",
                    StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
                    >= 500 => "The server could not finish this request. The trace id names it in the server's log.",
                    _ when IsUnstorableText(exception) => UnstorableTextDetail,
                    _ => exception.Message,
                },
                extensions: new Dictionary<string, object?> { ["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier })
                .ExecuteAsync(context);
            return true;
        }
    }
}
