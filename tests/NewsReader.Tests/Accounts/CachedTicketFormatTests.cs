using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NewsReader.Accounts;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Accounts;

/// <summary>A sign-in cookie read once is not decrypted again; any other text is read by the real format, and a refusal is not kept.</summary>
public sealed class CachedTicketFormatTests
{
    private sealed class Counting : ISecureDataFormat<AuthenticationTicket>
    {
        public List<string?> Read { get; } = [];

        public string Protect(AuthenticationTicket data) => "protected:" + data.Principal.Identity!.Name;

        public string Protect(AuthenticationTicket data, string? purpose) => Protect(data);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Read.Add(protectedText);
            return protectedText?.StartsWith("protected:", StringComparison.Ordinal) == true
                ? new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, protectedText["protected:".Length..])], "test")), "cookie")
                : null;
        }
    }

    [Fact]
    public void The_same_cookie_is_read_once_and_gives_the_same_ticket()
    {
        var inner = new Counting();
        var format = new CachedTicketFormat(inner);
        var first = format.Unprotect("protected:ann");
        var again = format.Unprotect("protected:ann");
        Assert.Equal("ann", again!.Principal.Identity!.Name);
        Assert.Same(first, again);
        Assert.Equal(["protected:ann"], inner.Read);
    }

    [Fact]
    public void Other_or_tampered_text_goes_to_the_real_format_every_time()
    {
        var inner = new Counting();
        var format = new CachedTicketFormat(inner);
        format.Unprotect("protected:ann");
        Assert.Equal("bob", format.Unprotect("protected:bob")!.Principal.Identity!.Name);
        Assert.Null(format.Unprotect("tampered:ann"));
        Assert.Null(format.Unprotect("tampered:ann"));
        Assert.Null(format.Unprotect(null));
        Assert.Equal(["protected:ann", "protected:bob", "tampered:ann", "tampered:ann", null], inner.Read);
        Assert.Equal("protected:cy", format.Protect(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "cy")], "test")), "cookie")));
    }

    [Fact]
    public void The_app_reads_its_sign_in_cookie_through_it()
    {
        using var app = new TestApp();
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.IsType<CachedTicketFormat>(options.TicketDataFormat);
    }
}
