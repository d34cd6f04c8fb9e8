namespace NewsReader.Accounts;

/// <summary>
/// <c>/Account/Delete</c>: the reader confirms with their password, and the account goes with
/// everything in it (<see cref="AccountDeletion"/>); they are signed out and told so on the library.
/// </summary>
public sealed class DeleteModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, Data.AppDb db) : AccountPage<DeleteModel.InputModel>
{
    public sealed class InputModel
    {
        [Password("Enter your password to delete your account."), Display(Name = "Password")]
        public string Password { get; set; } = "";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.GetUserAsync(User) is not { } user)
        {
            await signIn.SignOutAsync();
            return LocalRedirect("/");
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", "That is not your password; the account was not deleted.");
            return Page();
        }

        var deleted = await AccountDeletion.DeleteAsync(db, users, user, ct);
        if (!deleted.Done)
        {
            ModelState.AddModelError(string.Empty, deleted.Problem!);
            return Page();
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/?account=deleted");
    }
}
