using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using NewsReader.Web;

namespace NewsReader.Tests.Web;

/// <summary>A token pair that passed is not checked again for the same reader; nothing else is let through on its account.</summary>
public sealed class CheckedAntiforgeryTests
{
    private sealed class Counting : IAntiforgery
    {
        public int Checks { get; private set; }

        public bool Valid { get; set; } = true;

        public Task<bool> IsRequestValidAsync(HttpContext httpContext)
        {
            Checks++;
            return Task.FromResult(Valid);
        }

        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => throw new NotSupportedException();

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => throw new NotSupportedException();

        public Task ValidateRequestAsync(HttpContext httpContext) => throw new NotSupportedException();

        public void SetCookieTokenAndHeader(HttpContext httpContext) => throw new NotSupportedException();
    }

    private static DefaultHttpContext Request(string? user, string cookie = "cookie-token", string? header = "header-token")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Headers.Cookie = $"{WebSetup.AntiforgeryCookie}={cookie}";
        if (header is not null)
        {
            http.Request.Headers[WebSetup.AntiforgeryHeader] = header;
        }

        if (user is not null)
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "test"));
        }

        return http;
    }

    [Fact]
    public async Task A_pair_that_passed_passes_again_for_the_same_reader_without_a_second_check()
    {
        var inner = new Counting();
        using var check = new CheckedAntiforgery(inner);
        Assert.True(await check.IsRequestValidAsync(Request("ann")));
        Assert.True(await check.IsRequestValidAsync(Request("ann")));
        Assert.Equal(1, inner.Checks);
    }

    [Fact]
    public async Task Another_reader_another_token_or_no_header_is_checked_and_a_failed_check_is_not_kept()
    {
        var inner = new Counting();
        using var check = new CheckedAntiforgery(inner);
        Assert.True(await check.IsRequestValidAsync(Request("ann")));

        inner.Valid = false;
        Assert.False(await check.IsRequestValidAsync(Request("bob")));                          // ann's pair, bob signed in
        Assert.False(await check.IsRequestValidAsync(Request("ann", cookie: "forged")));
        Assert.False(await check.IsRequestValidAsync(Request("ann", header: "forged")));
        Assert.False(await check.IsRequestValidAsync(Request("ann", header: null)));
        Assert.False(await check.IsRequestValidAsync(Request(null)));
        Assert.False(await check.IsRequestValidAsync(Request("bob")));                          // not kept: checked again
        Assert.Equal(7, inner.Checks);
    }
}
