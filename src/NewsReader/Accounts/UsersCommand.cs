using System.Security.Cryptography;
using NewsReader.Cli;

namespace NewsReader.Accounts;

/// <summary>
/// <c>users list | add-admin EMAIL | reset-password EMAIL [--password P] | unlock EMAIL | delete EMAIL | setup-code</c>:
/// the way back in for a locked-out or forgetful reader, and how administrators are made.
/// </summary>
public static class UsersCommand
{
    /// <summary><c>users</c> and its subcommands, each with its own help and options.</summary>
    public static AppCommandLine.Verb Verb(AppCommandLine cli)
    {
        var users = new System.CommandLine.Command("users", "Manage accounts: list them, make administrators, reset passwords, end lockouts.");
        System.CommandLine.Command Sub(string name, string description, bool email, bool password,
            Func<UserManager<IdentityUser>, IServiceProvider, string?, string?, CancellationToken, Task<int>> run) =>
            VerbInput.Define(cli, name, description, email ? VerbInput.One("EMAIL", "the account's email") : null,
                password ? [VerbInput.String("password", "the password to set (else one is generated and printed)", "PASSWORD")] : [],
                (input, services, ct) =>
                {
                    if (email && input.Arguments.Count != 1)
                    {
                        throw new CommandException($"users {name} needs one email address: users {name} EMAIL");
                    }

                    return run(services.GetRequiredService<UserManager<IdentityUser>>(), services,
                        email ? input.Arguments[0] : null, input.Option("password"), ct);
                });

        users.Subcommands.Add(Sub("list", "List the accounts, their roles and lockouts.", email: false, password: false, async (manager, _, _, _, ct) =>
        {
            await ListAsync(manager, ct);
            return 0;
        }));
        users.Subcommands.Add(Sub("add-admin", "Make an account an administrator (created when missing).", email: true, password: true,
            (manager, services, email, password, _) => AddAdminAsync(manager, services.GetRequiredService<RoleManager<IdentityRole>>(),
                services.GetRequiredService<Data.AppDb>(), email!, password)));
        users.Subcommands.Add(Sub("reset-password", "Set a new password (printed when generated), end the lockout and every session.", email: true, password: true,
            async (manager, services, email, password, _) => await ResetPasswordAsync(manager, services.GetRequiredService<Data.AppDb>(), await FindAsync(manager, email!), password)));
        users.Subcommands.Add(Sub("unlock", "End a lockout after too many failed sign-ins.", email: true, password: false, async (manager, _, email, _, _) =>
        {
            var user = await FindAsync(manager, email!);
            UserAdmin.Check(await manager.SetLockoutEndDateAsync(user, null));
            UserAdmin.Check(await manager.ResetAccessFailedCountAsync(user));
            Console.WriteLine($"unlocked {user.Email}");
            return 0;
        }));
        users.Subcommands.Add(Sub("delete", "Delete an account and everything in it: highlights, notes, tags, colour meanings, reading state (not the last administrator).",
            email: true, password: false, async (manager, services, email, _, ct) =>
            {
                var user = await FindAsync(manager, email!);
                var deleted = await AccountDeletion.DeleteAsync(services.GetRequiredService<Data.AppDb>(), manager, user, ct);
                if (!deleted.Done)
                {
                    // The command ran and was refused (the last administrator): 1, not a usage error.
                    await Console.Error.WriteLineAsync($"error: cannot delete {user.Email}: {deleted.Problem}");
                    return 1;
                }

                Console.WriteLine($"deleted {user.Email} and everything in it");
                return 0;
            }));
        users.Subcommands.Add(Sub("setup-code", "Print the code the first account needs to register from another computer.", email: false, password: false,
            async (_, services, _, _, ct) =>
            {
                var code = await FirstAdministrator.SetupCodeAsync(services.GetRequiredService<Data.AppDb>(), ct);
                Console.WriteLine(code is null
                    ? "There are accounts already: no setup code is needed (users add-admin EMAIL makes another administrator)."
                    : $"setup code for the first account: {code}");
                return 0;
            }));
        return new(users);
    }

    private static async Task<IdentityUser> FindAsync(UserManager<IdentityUser> users, string email) =>
        await users.FindByEmailAsync(email) ?? throw new CommandException($"no account with email '{email}'");

    private static async Task ListAsync(UserManager<IdentityUser> users, CancellationToken ct)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var admins = (await users.GetUsersInRoleAsync(Roles.Admin)).Select(u => u.Id).ToHashSet();
        Console.WriteLine($"{"EMAIL",-40} {"ROLE",-7} STATUS");
        foreach (var user in all)
        {
            var locked = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? $"locked until {end:yyyy-MM-dd HH:mm} UTC" : "active";
            Console.WriteLine($"{user.Email,-40} {(admins.Contains(user.Id) ? "admin" : "reader"),-7} {locked}");
        }

        Console.WriteLine($"{all.Count} account(s)");
    }

    private static async Task<int> AddAdminAsync(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, Data.AppDb db, string email, string? password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new IdentityUser { UserName = email, Email = email };
            var generated = password is null;
            password ??= GeneratePassword();
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new CommandException($"cannot create {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await AccountCreated.StampAsync(db, user, DateTime.UtcNow, CancellationToken.None);
            Console.WriteLine(generated ? $"created {email} with password: {password}" : $"created {email}");
        }

        await UserAdmin.EnsureAdminAsync(users, roles, user);
        Console.WriteLine($"{email} is an administrator");
        return 0;
    }

    private static async Task<int> ResetPasswordAsync(UserManager<IdentityUser> users, Data.AppDb db, IdentityUser user, string? password)
    {
        var generated = password is null;
        password ??= GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            throw new CommandException($"cannot set that password: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        UserAdmin.Check(await users.SetLockoutEndDateAsync(user, null));
        UserAdmin.Check(await users.ResetAccessFailedCountAsync(user));
        var ended = await SessionStore.EndAllAsync(db, user.Id, CancellationToken.None);
        Console.WriteLine($"{ended} session(s) of {user.Email} signed out");
        Console.WriteLine(generated ? $"new password for {user.Email}: {password}" : $"password changed for {user.Email}");
        return 0;
    }

    private static string GeneratePassword()
    {
        const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(Alphabet, 16);
    }
}
