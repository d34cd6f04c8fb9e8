using System.Net;
using System.Security.Cryptography;

namespace NewsReader.Accounts;

/// <summary>
/// The first account becomes the administrator. On a server others can reach, "whoever registers
/// first" could be anyone who finds it, so registering that account from any address but this
/// machine's own (loopback) needs a one-time setup code: made at the first start, written to the
/// server's log, printed by <c>users setup-code</c>, and gone once the first account exists.
/// From loopback, and with <c>users add-admin</c>, no code is needed.
/// </summary>
public static class FirstAdministrator
{
    private const string SecretName = "first-admin-setup-code";

    // No 0/O, 1/I/L: a code read from a log and typed by hand.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>The setup code while there is no account yet (made if missing), or null once there is one.</summary>
    public static async Task<string?> SetupCodeAsync(AppDb db, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }

        if (await db.ServerSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).FirstOrDefaultAsync(ct) is { } code)
        {
            return code;
        }

        var made = string.Join('-', Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetString(Alphabet, 4)));
        db.ServerSecrets.Add(new ServerSecret { Name = SecretName, Value = made });
        try
        {
            await db.SaveChangesAsync(ct);
            return made;
        }
        catch (DbUpdateException)
        {
            // Another process made one at the same moment: theirs is the code.
            db.ChangeTracker.Clear();
            return await db.ServerSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).FirstAsync(ct);
        }
    }

    /// <summary>Once the first account exists, the code is spent.</summary>
    public static Task ForgetAsync(AppDb db, CancellationToken ct) =>
        db.ServerSecrets.Where(s => s.Name == SecretName).ExecuteDeleteAsync(ct);

    /// <summary>
    /// A request from this machine (or from the in-process test host, which has no address). One
    /// that still carries X-Forwarded-For came through a proxy that is not among
    /// <c>NewsReader:KnownProxies</c> (a trusted proxy's header is consumed): it is not local,
    /// whatever address the proxy connects from.
    /// </summary>
    public static bool IsLocal(HttpContext context) =>
        (context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address))
        && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded");

    /// <summary>Compared in constant time, ignoring case, spaces and dashes.</summary>
    public static bool Matches(string expected, string? given)
    {
        static byte[] Normal(string code) => Encoding.ASCII.GetBytes(new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray()));
        return given is not null && CryptographicOperations.FixedTimeEquals(Normal(expected), Normal(given));
    }

    /// <summary>At the web server's start, while there is no account: the code goes to the log.</summary>
    public static async Task AnnounceAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        if (await SetupCodeAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), ct) is { } code)
        {
            scope.ServiceProvider.GetRequiredService<ILogger<AppDb>>().LogWarning(
                "No account yet: the first account to register becomes the administrator. Registering it from another computer needs the setup code {SetupCode} (also printed by `users setup-code`); from this machine it does not.",
                code);
        }
    }
}
