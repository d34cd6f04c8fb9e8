using Microsoft.AspNetCore.RateLimiting;
using NewsReader.Web;

namespace NewsReader.Accounts;

/// <summary>Registration signs the reader in at once (there is no mail server). The first account becomes an administrator.</summary>
[EnableRateLimiting(RateLimits.Account)]
public sealed class RegisterModel(AppDb db, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn,
    RoleManager<IdentityRole> roles, IOptions<NewsReaderOptions> options) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address."), Display(Name = "Email")]
        [EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com.")]
        public string Email { get; set; } = "";

        [Password("Choose a password."), Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Confirms(nameof(Password), "Type the password again.", "The two passwords do not match."), Display(Name = "Confirm password")]
        public string? ConfirmPassword { get; set; }

        [Display(Name = "Setup code")]
        public string? SetupCode { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public const string AdministratorNotice =
        "You are the administrator: the first account on this NewsReader. You can import articles (Import, in the header), " +
        "and accounts are managed on the server with the users command. Everyone who registers after you can read, highlight and keep notes.";

    public bool Enabled => options.Value.Registration.Enabled;

    /// <summary>The first account, registered from another computer: it needs the setup code (<see cref="FirstAdministrator"/>).</summary>
    public bool NeedsSetupCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Enabled)
        {
            return Closed();
        }

        NeedsSetupCode = !FirstAdministrator.IsLocal(HttpContext) && !await db.Users.AnyAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        if (!Enabled)
        {
            return Closed();
        }

        if (!FirstAdministrator.IsLocal(HttpContext) && await FirstAdministrator.SetupCodeAsync(db, ct) is { } code)
        {
            NeedsSetupCode = true;
            if (!FirstAdministrator.Matches(code, Input.SetupCode))
            {
                ModelState.AddModelError("Input.SetupCode", string.IsNullOrWhiteSpace(Input.SetupCode)
                    ? "Enter the setup code: the first account is the administrator. The code is in the server's log, or run users setup-code on the server."
                    : "That is not the setup code. It is in the server's log, or run users setup-code on the server.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new IdentityUser { UserName = Input.Email.Trim(), Email = Input.Email.Trim() };

        // The password is checked and hashed (the slow part, on purpose) before the transaction,
        // so the database's write lock is held for the few statements only.
        var problems = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user, Input.Password)).Errors);
        }

        if (problems.Count > 0)
        {
            return Refused(problems);
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, Input.Password);
        bool isFirst;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            isFirst = !await db.Users.AnyAsync(ct);
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
            {
                return Refused(result.Errors);
            }

            await AccountCreated.StampAsync(db, user, TimeProvider.System.GetUtcNow().UtcDateTime, ct);

            if (isFirst)
            {
                await UserAdmin.EnsureAdminAsync(users, roles, user);
                await FirstAdministrator.ForgetAsync(db, ct);
            }

            await transaction.CommitAsync(ct);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        if (isFirst)
        {
            // Shown once, on the next page (TempData is read once).
            TempData["Notice"] = AdministratorNotice;
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    private PageResult Refused(IEnumerable<IdentityError> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(IdentityErrors.Field(error), IdentityErrors.Message(error));
        }

        return Page();
    }

    private PageResult Closed()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
