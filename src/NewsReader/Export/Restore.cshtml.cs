using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsReader.Export;

/// <summary>Restore notes from a JSON-LD export: the web door to <see cref="AnnotationRestore"/>.</summary>
[Authorize]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes)]
[RequestSizeLimit(MaxFileBytes)]
public sealed class RestoreModel(AnnotationRestore restore) : PageModel
{
    /// <summary>Room for an export of 100,000 highlights and more.</summary>
    public const int MaxFileBytes = 256 * 1024 * 1024;

    public RestoreReport? Report { get; private set; }

    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a JSON-LD file to restore (an export from My notes, or W3C annotations from another tool).");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        FileName = Path.GetFileName(file.FileName);
        await using var stream = file.OpenReadStream();
        Report = await restore.RestoreAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, stream, ct);
        if (Report.Rejected)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
