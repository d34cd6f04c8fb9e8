namespace NewsReader;

public static class NewsReaderOptionsSetup
{
    public static IServiceCollection AddNewsReaderOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NewsReaderOptions>()
            .Bind(configuration.GetSection(NewsReaderOptions.Section))
            .Validate(o => o.Import.MaxFileBytes > 0, "NewsReader:Import:MaxFileBytes must be positive")
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "NewsReader:PublicUrl must be an absolute URL")
            .Validate(o => o.KnownProxies.All(p => Web.ProxySetup.TryParse(p, out _)), "NewsReader:KnownProxies must hold IP addresses or CIDR networks (10.0.0.0/8)")
            .Validate(o => o.Restore.MaxUploadBytes > 0, "NewsReader:Restore:MaxUploadBytes must be positive")
            .Validate(o => o.Restore.MaxConcurrent > 0, "NewsReader:Restore:MaxConcurrent must be at least 1")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
