using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;

namespace NewsReader.Web;

/// <summary>
/// The antiforgery check of the API's writes, with the token pairs it has passed kept. Checking
/// a pair costs two Data Protection readings (the cookie token and the header token: key
/// derivation, decryption, MAC), and a reader's page sends the same pair with every write. A pair
/// passed once, for the same signed-in reader, passes again; anything else (another reader, a
/// changed token, no header) is checked by ASP.NET Core's <see cref="IAntiforgery"/>, and what
/// fails is not kept.
/// </summary>
public sealed class CheckedAntiforgery(IAntiforgery antiforgery) : IDisposable
{
    /// <summary>Characters of token text kept at most (about 8 MB).</summary>
    public const long SizeLimit = 4_000_000;

    private readonly MemoryCache _passed = new(new MemoryCacheOptions { SizeLimit = SizeLimit });

    public async Task<bool> IsRequestValidAsync(HttpContext http)
    {
        var cookie = http.Request.Cookies[WebSetup.AntiforgeryCookie];
        var header = http.Request.Headers[WebSetup.AntiforgeryHeader].ToString();
        var user = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        (string cookie, string header, string user)? key = cookie is null || header.Length == 0 || user is null ? null : (cookie, header, user);
        if (key is { } known && _passed.TryGetValue(known, out _))
        {
            return true;
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return false;
        }

        if (key is { } pair)
        {
            _passed.Set(pair, true, new MemoryCacheEntryOptions
            {
                Size = pair.cookie.Length + pair.header.Length + pair.user.Length,
                SlidingExpiration = TimeSpan.FromMinutes(10),
            });
        }

        return true;
    }

    public void Dispose() => _passed.Dispose();
}
