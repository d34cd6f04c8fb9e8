using NewsReader.Accounts;

namespace NewsReader.Tests.Accounts;

/// <summary>The session list names a device the way its owner would: browser on system.</summary>
public sealed class DevicesTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari on iPhone")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari on macOS")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) SomeNewBrowser/1.0", "A browser on Linux")]
    [InlineData("  MyFeedBot/2  ", "MyFeedBot/2")]
    [InlineData("", "Unknown device")]
    [InlineData(null, "Unknown device")]
    public void Names_the_browser_and_system(string? userAgent, string expected) =>
        Assert.Equal(expected, Devices.Describe(userAgent));

    [Fact]
    public void An_unrecognised_agent_is_cut_to_200_characters() =>
        Assert.Equal(200, Devices.Describe(new string('x', 5_000)).Length);
}
