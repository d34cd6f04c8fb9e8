namespace NewsReader.Accounts;

/// <summary>
/// A signed-in browser, kept on the server (<see cref="SessionStore"/>): the sign-in cookie holds
/// only <see cref="Id"/>, so signing out, a password change or "Sign out everywhere" ends the
/// session for every copy of that cookie.
/// </summary>
public sealed class UserSession
{
    /// <summary>The random key the cookie carries (256 bits, base64url).</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The authentication ticket (claims and cookie properties), serialized.</summary>
    public required byte[] Ticket { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Updated at most every few minutes (<see cref="SessionStore.SeenInterval"/>), not on every request.</summary>
    public DateTime LastSeenAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    /// <summary>Browser and system, from the User-Agent at sign-in ("Firefox on Linux").</summary>
    public string Device { get; set; } = "";
}

/// <summary>A value the server generated for itself and keeps (the first administrator's setup code).</summary>
public sealed class ServerSecret
{
    public required string Name { get; set; }

    public required string Value { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).HasMaxLength(64);
        session.Property(s => s.Device).HasMaxLength(200);
        session.HasOne<IdentityUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => new { s.UserId, s.LastSeenAt });
    }
}

internal sealed class ServerSecretConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> secret)
    {
        secret.HasKey(s => s.Name);
        secret.Property(s => s.Name).HasMaxLength(64);
    }
}
