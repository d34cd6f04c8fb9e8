using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace NewsReader.Web;

/// <summary>
/// Behind a reverse proxy: X-Forwarded-* headers are believed only from
/// <c>NewsReader:KnownProxies</c> (so a client cannot pick its own address past the sign-in rate
/// limit), and cookies are Secure with HSTS whenever the request is https or
/// <c>NewsReader:PublicUrl</c> is (a TLS-terminating proxy may talk plain http to the app).
/// </summary>
public static class ProxySetup
{
    public static bool TryParse(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return false;
    }

    public static IServiceCollection AddProxySupport(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NewsReaderOptions>>((forwarded, options) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.Value.KnownProxies)
            {
                if (TryParse(proxy, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }

            forwarded.ForwardLimit = 1;
        });

        // Secure whenever the request is https (an https PublicUrl makes every request so, below).
        // Antiforgery's default is never Secure.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie => cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(tempData => tempData.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>Forwarded headers from known proxies only (none configured: none believed); HSTS over https.</summary>
    public static WebApplication UseProxySupport(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<NewsReaderOptions>>().Value;
        if (options.KnownProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        app.Use((context, next) =>
        {
            // The public address is https: the site is reached over TLS whatever the proxy's own
            // connection to the app is, so requests count as https (Secure cookies, https URLs).
            if (options.PublicUrlIsHttps && !context.Request.IsHttps)
            {
                context.Request.Scheme = "https";
            }

            if (context.Request.IsHttps && !IsLocalHost(context.Request.Host.Host))
            {
                context.Response.Headers.StrictTransportSecurity = "max-age=31536000";
            }

            return next(context);
        });
        return app;
    }

    // As UseHsts does: a browser that remembered HSTS for localhost would refuse every other local dev server.
    private static bool IsLocalHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host == "127.0.0.1" || host == "[::1]";
}
