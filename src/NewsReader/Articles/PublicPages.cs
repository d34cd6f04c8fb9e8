using Microsoft.AspNetCore.OutputCaching;
using NewsReader.Accounts;
using NewsReader.Web;

namespace NewsReader.Articles;

/// <summary>
/// Rendered pages kept in ASP.NET Core's output cache (<see cref="Policy"/>, on the library and
/// the reading view). For visitors who are not signed in they are the same bytes for everyone,
/// kept for <see cref="Lifetime"/> and only while the <see cref="DataVersion"/> is the one they
/// were rendered at: a crowd of anonymous readers costs one render per page per interval, and
/// a commit anywhere (an import through the web or the CLI, another instance) shows at the next
/// request. Signed-in readers get pages of their own, see
/// <see cref="ReaderPages"/>. Responses that set a cookie and anything but a 200 are never
/// cached (the output cache's default policy).
/// </summary>
public static class PublicPages
{
    public const string Policy = "public-pages";

    public const string Tag = "articles";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    /// <summary>All kept pages together, in bytes (ASP.NET Core's default is 100 MB): a small server's memory stays small.</summary>
    public const long SizeLimit = 32 * 1024 * 1024;

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services)
    {
        services.AddSingleton<ReaderPages>();
        return services.AddOutputCache(o =>
        {
            o.SizeLimit = SizeLimit;
            o.AddPolicy(Policy, b => b.Expire(Lifetime).Tag(Tag).AddPolicy<ReaderPages>());
        });
    }

    /// <summary>Drops every cached public page, after articles were added or changed in this process.</summary>
    public static ValueTask EvictAsync(IOutputCacheStore store, CancellationToken ct) => store.EvictByTagAsync(Tag, ct);
}

/// <summary>
/// A signed-in reader's page, kept for that reader alone and only while nothing at all has been
/// committed since it was rendered (<see cref="DataVersion"/>, read before the page is): looking
/// at the same article again, going back to it, a second tab, cost no render until something
/// changes. The cache key is the reader's id and admin role (what the layout shows of them),
/// their antiforgery cookie (the page's form token is valid only with it), the data version
/// and the URL. A request without the antiforgery cookie is rendered, not cached: its response
/// sets the cookie. Pages are kept for <see cref="Lifetime"/> at most.
/// </summary>
public sealed class ReaderPages(DataVersion versions) : IOutputCachePolicy
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const string AntiforgeryKey = "antiforgery";

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            // The public page, as the default policy decided, and only while nothing has been
            // committed since, by any process or instance (a CLI import shows at once).
            if (HttpMethods.IsGet(http.Request.Method) && await versions.CurrentAsync() is { } current)
            {
                context.CacheVaryByRules.VaryByValues["data"] = current.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return;
        }

        var reader = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var antiforgery = http.Request.Cookies[WebSetup.AntiforgeryCookie];
        var version = reader is null || string.IsNullOrEmpty(antiforgery) ? null : await versions.CurrentAsync();
        if (version is null || !HttpMethods.IsGet(http.Request.Method))
        {
            context.AllowCacheLookup = false;
            context.AllowCacheStorage = false;
            return;
        }

        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        var vary = context.CacheVaryByRules.VaryByValues;
        vary["reader"] = reader!;
        vary["admin"] = http.User.IsInRole(Roles.Admin) ? "1" : "0";
        vary[AntiforgeryKey] = antiforgery!;
        vary["data"] = version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <summary>
    /// MVC turns storage off on any page that carries an antiforgery token, because a token is
    /// only valid with the cookie it was made for. Here that cookie is part of the key, so a kept
    /// page only ever goes back to the browser holding it; the default policy's rules still hold
    /// (a 200, and no cookie set by this response).
    /// </summary>
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (context.CacheVaryByRules.VaryByValues.ContainsKey(AntiforgeryKey)
            && response.StatusCode == StatusCodes.Status200OK && Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = true;
        }

        return ValueTask.CompletedTask;
    }
}
