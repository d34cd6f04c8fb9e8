using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;

namespace NewsReader.Accounts;

/// <summary>
/// Sign-in sessions kept in the database (<see cref="UserSession"/>). The cookie carries a random
/// key; the database keeps the ticket under the key's SHA-256 (a copy of the database does not
/// hold a working cookie). A session ends on the server: sign-out deletes its row, a password
/// change or reset deletes all of an account's rows (<see cref="EndAllAsync"/>), and a cookie
/// whose row is gone signs nobody in, wherever it was copied to. Rows are read through a
/// <see cref="VersionedCache{TKey,TValue}"/>, so a signed-in request costs no query while nothing
/// has been committed, and a session ended by another process (the CLI) ends at its next commit.
/// </summary>
public sealed class SessionStore(IServiceScopeFactory scopes, TimeProvider clock, DataVersion versions) : ITicketStore, IDisposable
{
    /// <summary>How often "last seen" is written for a session in use (not on every request).</summary>
    public static readonly TimeSpan SeenInterval = TimeSpan.FromMinutes(5);

    /// <summary>The <see cref="HttpContext.Items"/> entry that holds the current request's session id.</summary>
    public const string CurrentSessionItem = "newsreader.session";

    private sealed record Cached(AuthenticationTicket Ticket, DateTime LastSeenAt, DateTime? ExpiresAt);

    private readonly VersionedCache<string, Cached> _cache = new(versions, 10_000, DataScope.Sessions);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A session needs a signed-in user.");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        // Sessions that ran out are tidied away when the same reader signs in again.
        await db.UserSessions.Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.UserSessions.Add(new UserSession
        {
            Id = IdOf(key),
            UserId = userId,
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc?.UtcDateTime,
            Device = Devices.Describe(httpContext?.Request.Headers.UserAgent.ToString()),
        });
        await db.SaveChangesAsync(cancellationToken);
        httpContext?.Items[CurrentSessionItem] = IdOf(key);

        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    /// <summary>
    /// A new ticket for a session that goes on (sliding expiration, or a sign-in in a browser
    /// that already had a session: the cookie handler renews rather than stores then). A session
    /// that was ended meanwhile stays ended: nothing is written back.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ticket.Properties.ExpiresUtc?.UtcDateTime;
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A session needs a signed-in user.");
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDb>().UserSessions.Where(s => s.Id == IdOf(key))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires)
                .SetProperty(x => x.LastSeenAt, now).SetProperty(x => x.UserId, userId), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        var cached = await _cache.GetOrReadAsync(id, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var row = await scope.ServiceProvider.GetRequiredService<AppDb>().UserSessions.AsNoTracking()
                .Where(s => s.Id == id).Select(s => new { s.Ticket, s.LastSeenAt, s.ExpiresAt }).FirstOrDefaultAsync(cancellationToken);
            return row is null || TicketSerializer.Default.Deserialize(row.Ticket) is not { } ticket
                ? null
                : new Cached(ticket, row.LastSeenAt, row.ExpiresAt);
        });

        var now = clock.GetUtcNow().UtcDateTime;
        if (cached is null || cached.ExpiresAt < now)
        {
            return null;
        }

        httpContext?.Items[CurrentSessionItem] = id;

        if (now - cached.LastSeenAt > SeenInterval)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AppDb>().UserSessions.Where(s => s.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        return cached.Ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDb>().UserSessions.Where(s => s.Id == IdOf(key)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Ends every session of an account (a password reset, "Sign out everywhere"), or all but <paramref name="except"/> (a password change, made in that one).</summary>
    public static Task<int> EndAllAsync(AppDb db, string userId, CancellationToken ct, string? except = null) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id != except).ExecuteDeleteAsync(ct);

    /// <summary>What the database keys a session by: the cookie's key, hashed.</summary>
    private static string IdOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void Dispose() => _cache.Dispose();
}
