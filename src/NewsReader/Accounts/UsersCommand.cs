using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NewsReader.Cli;

namespace NewsReader.Accounts;

/// <summary>
/// <c>users list | add-admin EMAIL | reset-password EMAIL [--password P] | unlock EMAIL | setup-code</c>:
/// the way back in for a locked-out or forgetful reader, and how administrators are made.
/// </summary>
public static class UsersCommand
{
    public static async Task<int> RunAsync(CommandLine command, IServiceProvider services, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        var action = command.Arguments.Count > 0 ? command.Arguments[0] : "";
        var email = command.Arguments.Count > 1 ? command.Arguments[1] : null;
        switch (action)
        {
            case "list":
                await ListAsync(users, ct);
                return 0;
            case "add-admin":
                return await AddAdminAsync(users, roles, Required(email, action), command.Option("password"));
            case "reset-password":
                return await ResetPasswordAsync(users, services.GetRequiredService<Data.AppDb>(), await FindAsync(users, Required(email, action)), command.Option("password"));
            case "setup-code":
                var code = await FirstAdministrator.SetupCodeAsync(services.GetRequiredService<Data.AppDb>(), ct);
                Console.WriteLine(code is null
                    ? "There are accounts already: no setup code is needed (users add-admin EMAIL makes another administrator)."
                    : $"setup code for the first account: {code}");
                return 0;
            case "unlock":
                var user = await FindAsync(users, Required(email, action));
                UserAdmin.Check(await users.SetLockoutEndDateAsync(user, null));
                UserAdmin.Check(await users.ResetAccessFailedCountAsync(user));
                Console.WriteLine($"unlocked {user.Email}");
                return 0;
            default:
                throw new CommandException("users needs one of: list, add-admin EMAIL, reset-password EMAIL, unlock EMAIL, setup-code");
        }
    }

    private static string Required(string? email, string action) =>
        email ?? throw new CommandException($"users {action} needs an email address: users {action} EMAIL");

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

    private static async Task<int> AddAdminAsync(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, string email, string? password)
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
