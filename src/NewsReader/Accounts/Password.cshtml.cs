using Microsoft.AspNetCore.Authentication;

namespace NewsReader.Accounts;

public sealed class PasswordModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, Data.AppDb db) : AccountPage<PasswordModel.InputModel>
{
    public sealed class InputModel
    {
        [Password("Enter your current password."), Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Password("Choose a new password."), Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Confirms(nameof(NewPassword), "Type the new password again.", "The two new passwords do not match."), Display(Name = "Confirm new password")]
        public string? ConfirmPassword { get; set; }
    }

    public bool Changed { get; private set; }

    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public string? CurrentSession => HttpContext.Items[SessionStore.CurrentSessionItem] as string;

    public async Task OnGetAsync(bool changed = false)
    {
        Changed = changed;
        await LoadSessionsAsync();
    }

    /// <summary>"Sign out everywhere": every session of this account ends, this one too.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var userId = users.GetUserId(User);
        if (userId is not null)
        {
            await SessionStore.EndAllAsync(db, userId, HttpContext.RequestAborted);
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(userId))!);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/Account/Login");
    }

    private async Task LoadSessionsAsync()
    {
        var userId = users.GetUserId(User);
        Sessions = userId is null
            ? []
            : await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.UserSessions.Where(s => s.UserId == userId).OrderByDescending(s => s.LastSeenAt), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadSessionsAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword",
                    error.Code == "PasswordMismatch" ? "The current password is not right." : error.Description);
            }

            return Page();
        }

        // A new password ends every other session of the account, wherever its cookie was copied
        // to; this one goes on with a ticket that carries the new security stamp.
        var persistent = (await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Properties?.IsPersistent ?? false;
        await SessionStore.EndAllAsync(db, user.Id, HttpContext.RequestAborted, except: CurrentSession);
        await signIn.SignInAsync(user, persistent);
        return RedirectToPage(new { changed = true });
    }
}
