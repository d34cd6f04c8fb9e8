using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace NewsReader.Web;

/// <summary>
/// ASP.NET Core's rate limiter: sign-in and registration per client address, API writes per
/// user. Reads are never limited. Limits come from NewsReader:RateLimits.
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
                : RateLimitPartition.GetFixedWindowLimiter(
                    "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => PerMinute(Limits(context).AccountPerMinute)));

            options.AddPolicy(ApiWrites, context => IsRead(context)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    "user:" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous"),
                    _ => PerMinute(Limits(context).ApiWritesPerMinute)));
        });
        return services;
    }

    private static bool IsRead(HttpContext context) => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
