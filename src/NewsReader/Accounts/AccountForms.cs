namespace NewsReader.Accounts;

/// <summary>
/// A page of the signed-in reader's account (change password, delete the account): it posts an
/// <typeparamref name="TInput"/> and names the account it acts on.
/// </summary>
[Authorize]
public abstract class AccountPage<TInput> : PageModel
    where TInput : new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    public string? Email => User.Identity?.Name;
}

/// <summary>
/// A password field of a form: required (in the page's own words when missing) and at most
/// <see cref="PasswordRules.MaxLength"/> characters, so hashing it costs what it should. The
/// page's input says <c>type="password"</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PasswordAttribute : RequiredAttribute
{
    public PasswordAttribute(string missing) => ErrorMessage = missing;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string { Length: > PasswordRules.MaxLength }
            ? new ValidationResult(PasswordRules.TooLong, MemberNames(validationContext))
            : base.IsValid(value, validationContext);

    internal static string[]? MemberNames(ValidationContext context) => context.MemberName is { } member ? [member] : null;
}

/// <summary>
/// "Type the password again": the field is filled in (<paramref name="missing"/>) and equals the
/// password in <paramref name="password"/> (<paramref name="mismatch"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfirmsAttribute(string password, string missing, string mismatch) : CompareAttribute(password)
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string typed || string.IsNullOrWhiteSpace(typed))
        {
            return new ValidationResult(missing, PasswordAttribute.MemberNames(validationContext));
        }

        return base.IsValid(value, validationContext) is { } problem
            ? new ValidationResult(mismatch, problem.MemberNames)
            : ValidationResult.Success;
    }
}
