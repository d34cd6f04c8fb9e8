namespace NewsReader.Accounts;

/// <summary>
/// When an account was made: a column of Identity's user table (a shadow property, so Identity's
/// own <see cref="IdentityUser"/> stays the type everywhere), written as the account is created.
/// Null for accounts made before it was kept. The account export (account.json) reports it.
/// </summary>
public static class AccountCreated
{
    public const string Property = "CreatedAt";

    /// <summary>
    /// Stamps a just-created account. Through its tracked entry when Identity's store (on this
    /// context) tracks it: the store later writes the whole entity back (sign-in, roles), and
    /// would write an untracked change over with what it holds.
    /// </summary>
    public static async Task StampAsync(AppDb db, IdentityUser user, DateTime now, CancellationToken ct)
    {
        var entry = db.Entry(user);
        if (entry.State == EntityState.Detached)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => EF.Property<DateTime?>(u, Property), now), ct);
            return;
        }

        entry.Property(Property).CurrentValue = now;
        await db.SaveChangesAsync(ct);
    }

    public static Task<DateTime?> ReadAsync(AppDb db, string userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => EF.Property<DateTime?>(u, Property)).SingleOrDefaultAsync(ct);
}

internal sealed class IdentityUserConfiguration : IEntityTypeConfiguration<IdentityUser>
{
    public void Configure(EntityTypeBuilder<IdentityUser> user) => user.Property<DateTime?>(AccountCreated.Property);
}
