using System.Reflection;

namespace NewsReader.Accounts;

/// <summary>
/// Refuses the 10,000 most common passwords (NIST SP 800-63B: check new passwords against a list
/// of commonly used ones), compared without case. The list ships with the app
/// (<c>common-passwords.txt</c>, from zxcvbn, MIT) and is read once, when first needed.
/// </summary>
public sealed class CommonPasswords : IPasswordValidator<IdentityUser>
{
    public const string ErrorCode = "PasswordTooCommon";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool Contains(string password) => List.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password) =>
        Task.FromResult(password is not null && Contains(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is one of the 10,000 most common ones, the first an attacker tries. Choose another: a few unrelated words make a strong one that is easy to remember.",
            })
            : IdentityResult.Success);

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("NewsReader.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(10_000, StringComparer.OrdinalIgnoreCase);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }

        return set;
    }
}

/// <summary>Length over composition (NIST SP 800-63B): at least 8 characters, pass phrases welcome, none of the common ones.</summary>
public static class PasswordRules
{
    public const int MinLength = 8;

    /// <summary>Long enough for any pass phrase; bounded, so hashing a password costs what it should.</summary>
    public const int MaxLength = 1024;

    public const string TooLong = "A password can have at most 1,024 characters.";
}
