namespace NewsReader.Accounts;

/// <summary>"Firefox on Linux": enough of a User-Agent for a reader to recognise their own device in the session list.</summary>
public static class Devices
{
    // First match wins: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
    private static readonly (string Marker, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Chromium/", "Chrome"),
        ("Safari/", "Safari"), ("curl/", "curl"),
    ];

    private static readonly (string Marker, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"), ("Mac OS X", "macOS"),
        ("Macintosh", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }

        var text = (Find(Browsers, userAgent), Find(Systems, userAgent)) switch
        {
            ({ } browser, { } system) => $"{browser} on {system}",
            ({ } browser, null) => browser,
            (null, { } system) => $"A browser on {system}",
            _ => userAgent.Trim(),
        };
        return text.Length <= 200 ? text : text[..200];
    }

    private static string? Find((string Marker, string Name)[] names, string userAgent) =>
        Array.Find(names, n => userAgent.Contains(n.Marker, StringComparison.Ordinal)).Name;
}
