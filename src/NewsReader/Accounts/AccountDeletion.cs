namespace NewsReader.Accounts;

/// <summary>What deleting an account came to: done, or why not (the last administrator).</summary>
public sealed record AccountDeleted(bool Done, string? Problem);

/// <summary>
/// Deletes an account and everything that belongs to it, in one transaction: highlights with
/// their tags (and their rows in the search index, by its triggers), article notes, article tags,
/// colour meanings, reading state, sessions and roles. Each feature's table declares ON DELETE
/// CASCADE on the reader, so one DELETE of the account row takes all of it, and a table added
/// later is taken too; other readers' rows are never touched. The address can register again,
/// afresh. The last administrator cannot be deleted: someone must be able to import articles and
/// make administrators.
/// </summary>
public static class AccountDeletion
{
    public const string LastAdministrator =
        "This is the only administrator account: make another account an administrator first (users add-admin EMAIL), then delete this one.";

    public static async Task<AccountDeleted> DeleteAsync(AppDb db, UserManager<IdentityUser> users, IdentityUser user, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await users.IsInRoleAsync(user, Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
        {
            return new AccountDeleted(false, LastAdministrator);
        }

        var deleted = await db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return new AccountDeleted(deleted == 1, deleted == 1 ? null : "The account no longer exists.");
    }
}
