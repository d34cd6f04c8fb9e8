using System.ComponentModel.DataAnnotations;
using System.Net;
using NewsReader.Accounts;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Accounts;

/// <summary>The password fields' rules, written once for every account form, and the signed-in account pages' base.</summary>
public sealed class AccountFormsTests
{
    private sealed class Form
    {
        [Password("Choose a password.")]
        public string Password { get; set; } = "";

        [Confirms(nameof(Password), "Type the password again.", "The two passwords do not match.")]
        public string? ConfirmPassword { get; set; }
    }

    private static List<string> Problems(Form form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        return results.Select(r => $"{string.Join(',', r.MemberNames)}: {r.ErrorMessage}").ToList();
    }

    [Fact]
    public void Each_problem_is_named_in_the_forms_own_words_on_its_field()
    {
        Assert.Equal(["Password: Choose a password.", "ConfirmPassword: Type the password again."], Problems(new Form { Password = " " }));
        Assert.Equal(["ConfirmPassword: The two passwords do not match."],
            Problems(new Form { Password = "long enough", ConfirmPassword = "long enougH" }));
        var endless = new string('x', PasswordRules.MaxLength + 1);
        Assert.Equal([$"Password: {PasswordRules.TooLong}"], Problems(new Form { Password = endless, ConfirmPassword = endless }));
        var longest = new string('x', PasswordRules.MaxLength);
        Assert.Empty(Problems(new Form { Password = longest, ConfirmPassword = longest }));
    }

    [Theory]
    [InlineData("/Account/Delete")]
    [InlineData("/Account/Password")]
    public async Task The_signed_in_account_pages_send_a_visitor_to_sign_in(string page)
    {
        using var app = new TestApp();
        var response = await app.Browser().GetAsync(page, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
