namespace NewsReader;

/// <summary>The <c>NewsReader</c> section of appsettings.json.</summary>
public sealed class NewsReaderOptions
{
    public const string Section = "NewsReader";

    /// <summary>Add the bundled sample article when the database is created.</summary>
    public bool SeedSampleArticle { get; set; } = true;

    /// <summary>Base of absolute URLs where there is no request (the CLI's exports).</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>
    /// Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For/Proto/Host are believed.
    /// Empty: forwarded headers are ignored, so no client can claim another address.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>True when the public address is https: cookies are Secure and HSTS is sent whatever the proxy says.</summary>
    public bool PublicUrlIsHttps => PublicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public ImportOptions Import { get; set; } = new();

    public RegistrationOptions Registration { get; set; } = new();

    public RestoreOptions Restore { get; set; } = new();

    public RequestLogOptions RequestLog { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();
}

public sealed class ImportOptions
{
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;
}

public sealed class RequestLogOptions
{
    /// <summary>
    /// The level of the one line logged per request (Serilog's: Verbose, Debug, Information,
    /// Warning…). Failed requests are logged as errors whatever this says; rate-limited requests
    /// (429) and health checks at Debug, so a busy server or a load balancer does not fill the log.
    /// </summary>
    public Serilog.Events.LogEventLevel Level { get; set; } = Serilog.Events.LogEventLevel.Information;
}

public sealed class RestoreOptions
{
    /// <summary>The largest JSON-LD file a reader can upload at <c>/import/annotations</c> (an export of 100,000 highlights is ~80 MB).</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Restores running at once on this server (each reader has one at a time).</summary>
    public int MaxConcurrent { get; set; } = 2;
}

public sealed class RegistrationOptions
{
    public bool Enabled { get; set; } = true;
}

public sealed class RateLimitOptions
{
    /// <summary>Sign-in and registration attempts per minute per client address.</summary>
    public int AccountPerMinute { get; set; } = 10;

    /// <summary>API writes (create, update, delete) per minute per user.</summary>
    public int ApiWritesPerMinute { get; set; } = 600;
}
