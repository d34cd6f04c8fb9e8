using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsReader.Web;

/// <summary>The friendly page behind status codes and unhandled errors (no details leak).</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "The server could not finish this request. Try again in a moment.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        (Title, Message) = status switch
        {
            404 => ("Not found", "There is no page at this address. The article may have been removed, or the link mistyped."),
            403 => ("Not allowed", "Your account cannot do that here."),
            400 => ("Bad request", "The request could not be understood. If you submitted a form, reload the page and try again."),
            429 => ("Too many requests", "Too many attempts in a short time. Wait a minute and try again."),
            _ => (Title, Message),
        };
    }
}
