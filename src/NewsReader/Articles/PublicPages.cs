using Microsoft.AspNetCore.OutputCaching;

namespace NewsReader.Articles;

/// <summary>
/// The library and the reading view are the same bytes for every visitor who is not signed in,
/// so those responses are kept in ASP.NET Core's output cache for a few seconds: a crowd of
/// anonymous readers costs one render per page per interval. Signed-in readers (their own marks
/// and notes), responses that set a cookie and anything but a 200 are never cached (the output
/// cache's default policy). An import through the web evicts at once; an import by the CLI,
/// another process, shows within <see cref="Lifetime"/>.
/// </summary>
public static class PublicPages
{
    public const string Policy = "public-pages";

    public const string Tag = "articles";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services) =>
        services.AddOutputCache(o => o.AddPolicy(Policy, b => b.Expire(Lifetime).Tag(Tag)));

    /// <summary>Drops every cached public page, after articles were added or changed in this process.</summary>
    public static ValueTask EvictAsync(IOutputCacheStore store, CancellationToken ct) => store.EvictByTagAsync(Tag, ct);
}
