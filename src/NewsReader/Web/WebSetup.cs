using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.WebEncoders;

namespace NewsReader.Web;

public static class WebSetup
{
    public const string AntiforgeryHeader = "RequestVerificationToken";

    public const string AntiforgeryCookie = "newsreader.antiforgery";

    /// <summary>TempData's cookie: a one-time notice for the next page (the first administrator's welcome).</summary>
    public const string NoticeCookie = "newsreader.notice";

    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        // Feature folders: pages live beside their feature's code, each with an absolute @page route.
        services.AddRazorPages(options => options.RootDirectory = "/");

        // Razor would otherwise write every non-ASCII character as an entity.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = AntiforgeryCookie;
        });
        services.AddSingleton<CheckedAntiforgery>();                // the API's check, with passed token pairs kept
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.Name = NoticeCookie);
        services.AddErrorResponses();                             // 503 for a busy database, problem details under /api
        // No "Server: Kestrel": what runs the site is nobody's business.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/ld+json", "text/markdown", "text/csv", "image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddProxySupport();                               // forwarded headers from known proxies only, Secure cookies, HSTS
        services.AddSingleton<ScriptAssets>();
        services.AddSingleton<PrecompressedAssets>();
        services.AddRateLimits();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<Data.AppDb>("database");
        return services;
    }

    /// <summary>Every request that changes something, but the bulk ones (imports, restores), counts as an interactive write.</summary>
    private static void UseInteractiveWrites(this WebApplication app)
    {
        var priority = app.Services.GetRequiredService<WritePriority>();
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || context.Request.Path.StartsWithSegments("/import"))
            {
                await next(context);
                return;
            }

            using (priority.Enter())
            {
                await next(context);
            }
        });
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseProxySupport();

        app.UseErrorResponses();
        app.UseSecurityHeaders();
        app.UseResponseCompression();
        var precompressed = app.Services.GetRequiredService<PrecompressedAssets>();
        app.Use(precompressed.InvokeAsync);                        // versioned CSS and JS: Brotli'd once, kept
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // Asset URLs carry a content hash (asp-append-version), so they can be cached for good.
                if (context.Context.Request.Query.ContainsKey("v"))
                {
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                }
            },
        });
        var scripts = app.Services.GetRequiredService<ScriptAssets>();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Page scripts under one content hash (ScriptAssets): the URL changes with any script.
            RequestPath = scripts.BasePath,
            FileProvider = scripts.Files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
        });
        app.UseRequestLogging();                                   // one line per request, at NewsReader:RequestLog:Level
        app.UseRouting();
        app.UseInteractiveWrites();                                // a reader's writes go before bulk jobs (WritePriority)
        app.UseAuthentication();
        app.UseRateLimiter();                                      // after sign-in is known: API writes are limited per reader
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseOutputCache();
        app.MapRazorPages();
        return app;
    }
}
