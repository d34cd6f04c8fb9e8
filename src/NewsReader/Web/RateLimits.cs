using System.Threading.RateLimiting;

namespace NewsReader.Web;

/// <summary>
/// ASP.NET Core's rate limiter: sign-in and registration per client address, API writes per
/// user. Reads are never limited. Limits come from NewsReader:RateLimits. On PostgreSQL they
/// hold for all instances together (<see cref="SharedWindowLimiter"/>).
/// </summary>
public static class RateLimits
{
    public const string Account = "account";
    public const string ApiWrites = "api-writes";

    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        static RateLimitOptions Limits(HttpContext context) =>
            context.RequestServices.GetRequiredService<IOptions<NewsReaderOptions>>().Value.RateLimits;

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                // The API answers with problem details; a page gets the friendly error page
                // (status code pages re-execute /error/429 for an empty response).
                if (ErrorResponses.IsApi(context.HttpContext))
                {
                    await Results.Problem(
                        title: "Too many requests",
                        detail: "Too many attempts in a short time. Wait a minute and try again.",
                        statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
                }
            };

            options.AddPolicy(Account, context => IsRead(context)
                ? RateLimitPartition.GetNoLimiter("read")
                : PerMinute(context, "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), Limits(context).AccountPerMinute));

            options.AddPolicy(ApiWrites, context => IsRead(context)
                ? RateLimitPartition.GetNoLimiter("read")
                : PerMinute(context, "user:" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous"),
                    Limits(context).ApiWritesPerMinute));
        });
        return services;
    }

    private static bool IsRead(HttpContext context) => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);

    /// <summary>
    /// <paramref name="permits"/> a minute for <paramref name="key"/>: counted in this process on
    /// SQLite, in the database on PostgreSQL, where other instances count the same key (<see cref="SharedWindowLimiter"/>).
    /// </summary>
    private static RateLimitPartition<string> PerMinute(HttpContext context, string key, int permits) =>
        context.RequestServices.GetRequiredService<Data.PlainConnections>().IsPostgres
            ? RateLimitPartition.Get(key, k => new SharedWindowLimiter(context.RequestServices.GetRequiredService<Npgsql.NpgsqlDataSource>(), k, Math.Max(1, permits)))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => PerMinute(permits));

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
