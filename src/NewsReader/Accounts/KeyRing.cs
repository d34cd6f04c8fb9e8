using Microsoft.AspNetCore.DataProtection;

namespace NewsReader.Accounts;

/// <summary>The key ring behind sign-in cookies and antiforgery tokens (kept beside the database, AccountsSetup).</summary>
public static class KeyRing
{
    /// <summary>
    /// Loads (on a new install: creates) the ring now, on the calling thread, instead of on the
    /// first request or the host's start. A failure is the host's to report: it loads the ring
    /// again, as before, and meets the same problem.
    /// </summary>
    public static void Preload(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector(nameof(KeyRing)).Protect([]);
        }
        catch (Exception error)
        {
            services.GetRequiredService<ILogger<IDataProtectionProvider>>().LogDebug(error, "Loading the key ring early failed");
        }
    }
}
