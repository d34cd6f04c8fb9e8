using Microsoft.AspNetCore.RateLimiting;
using NewsReader.Web;

namespace NewsReader.Accounts;

[EnableRateLimiting(RateLimits.Account)]
public sealed class LoginModel(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users) : PageModel
{
    /// <summary>
    /// The one answer to every failed sign-in: a wrong password, an unknown address and a locked
    /// account read alike, so the page does not tell who has an account here.
    /// </summary>
    public const string Failed = "The email or password is not right. After 5 failed attempts an account is locked for 15 minutes; "
        + "an administrator can unlock it sooner.";

    // A hash of a random password, made once: verified against what an unknown address typed, so
    // that costs what checking a real account's password costs (PBKDF2, on purpose slow).
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address."), Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Password("Enter your password."), Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new IdentityUser(), DecoyHash.Value, Input.Password);
            ModelState.AddModelError("", Failed);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        }

        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Refused before the password was checked: check one anyway, for the same cost.
            users.PasswordHasher.VerifyHashedPassword(user, DecoyHash.Value, Input.Password);
        }

        ModelState.AddModelError("", Failed);
        return Page();
    }
}
