using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace NewsReader.Accounts;

/// <summary>
/// The sign-in cookie's format, with the cookies it has read kept. The cookie holds only the key
/// of a session kept on the server (<see cref="SessionStore"/>), yet reading it costs Data
/// Protection's key derivation, decryption and MAC check on every request: an eighth of the
/// signed-in page's time (bench/README.md). A cookie read once gives the same ticket when the
/// very same text comes again; any other text, a tampered one included, goes to the real format,
/// and what that refuses is not kept. Whether the session still holds is still asked of the
/// session store each time; only the reading of the cookie is saved.
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>Characters of cookie text kept at most (about 8 MB).</summary>
    public const long SizeLimit = 4_000_000;

    private readonly MemoryCache _read = new(new MemoryCacheOptions { SizeLimit = SizeLimit });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        if (_read.TryGetValue(protectedText, out AuthenticationTicket? known))
        {
            return known;
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            _read.Set(protectedText, ticket, new MemoryCacheEntryOptions
            {
                Size = protectedText.Length,
                SlidingExpiration = TimeSpan.FromMinutes(10),
            });
        }

        return ticket;
    }
}
