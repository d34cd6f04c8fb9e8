namespace NewsReader.Accounts;

/// <summary>Which form field an Identity error is about, and how to say it.</summary>
public static class IdentityErrors
{
    public static string Field(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "Input.Password",
        "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => "Input.Email",
        _ => "",
    };

    public static string Message(IdentityError error) => error.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => "An account with this email already exists. Sign in instead?",
        _ => error.Description,
    };
}
