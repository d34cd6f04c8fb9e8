namespace NewsReader.Accounts;

/// <summary>Signing out changes state, so it is a POST (with antiforgery); GET shows the button.</summary>
public sealed class LogoutModel(SignInManager<IdentityUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
