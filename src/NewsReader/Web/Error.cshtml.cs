using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace NewsReader.Web;

/// <summary>The friendly page behind status codes and unhandled errors (no details leak).</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "The server could not finish this request. Try again in a moment.";

    /// <summary>Where the failed request came from, to try again there (a form's page, without its handler).</summary>
    public string? RetryUrl { get; private set; }

    public string RetryName { get; private set; } = "the page";

    public void OnGet(int? code) => Describe(code, isForm: false);

    public void OnPost(int? code) => Describe(code, isForm: true);

    private void Describe(int? code, bool isForm)
    {
        // An exception that a client or a busy database caused is not a 500 (ErrorResponses).
        var status = code ?? ErrorResponses.StatusFor(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error);
        Response.StatusCode = status;
        (Title, Message) = status switch
        {
            404 => ("Not found", "There is no page at this address. The article may have been removed, or the link mistyped."),
            403 => ("Not allowed", "Your account cannot do that here."),
            // A form post that fails with an empty 400 is, in this app, nearly always the
            // antiforgery check: a page left open past its token, or a sign-in or sign-out in another tab.
            400 when isForm => ("This form has expired", "The page was open for a long time, or you signed in or out in another tab, so the form could not be trusted. Nothing was saved."),
            400 => ("Bad request", "The request could not be understood. Check the address and try again."),
            429 => ("Too many requests", "Too many attempts in a short time. Wait a minute and try again."),
            413 => ("Too large", "What you sent is larger than this page accepts. The limits are in the page's hint."),
            503 => ("Busy", "The server is busy with other changes right now. Nothing was lost; try again in a few seconds."),
            _ => (Title, Message),
        };

        if (status == 400 && HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } original
            && Url.IsLocalUrl(original.OriginalPathBase + original.OriginalPath))
        {
            var query = QueryHelpers.ParseQuery(original.OriginalQueryString);
            query.Remove("handler");
            RetryUrl = QueryHelpers.AddQueryString(original.OriginalPathBase + original.OriginalPath, query);
            RetryName = NameOf(original.OriginalPath);
        }
    }

    private static string NameOf(string path) => path switch
    {
        "/Account/Login" => "the sign-in page",
        "/Account/Register" => "the registration page",
        "/Account/Logout" => "the sign-out page",
        "/Account/Password" => "your account page",
        "/notes" => "My notes",
        "/import" => "the import page",
        "/import/annotations" => "the restore page",
        _ when path.StartsWith("/articles/", StringComparison.Ordinal) => "the article",
        _ => "the page",
    };
}
