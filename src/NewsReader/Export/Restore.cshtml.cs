namespace NewsReader.Export;

/// <summary>
/// Restore notes from a JSON-LD export: the web door to <see cref="AnnotationRestore"/>. The
/// upload limit is <c>NewsReader:Restore:MaxUploadBytes</c> (set on this page by
/// <see cref="ExportSetup"/>); the file is buffered to disk by the form reader, never to memory.
/// </summary>
[Authorize]
public sealed class RestoreModel(AnnotationRestore restore, RestoreSlots slots) : PageModel
{
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
        var refusal = slots.TryEnter(User.FindFirstValue(ClaimTypes.NameIdentifier)!, out var lease);
        if (refusal != RestoreSlots.Refusal.None)
        {
            ModelState.AddModelError("file", refusal == RestoreSlots.Refusal.ReaderBusy
                ? "A restore of your notes is already running. Wait for it to finish, then restore this file (nothing is added twice)."
                : "The server is restoring other readers' notes right now. Try again in a minute.");
            Response.StatusCode = refusal == RestoreSlots.Refusal.ReaderBusy ? StatusCodes.Status409Conflict : StatusCodes.Status503ServiceUnavailable;
            if (refusal == RestoreSlots.Refusal.ServerBusy)
            {
                Response.Headers.RetryAfter = "60";
            }

            return Page();
        }

        using (lease)
        {
            await using var stream = file.OpenReadStream();
            Report = await restore.RestoreAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, stream, ct);
        }

        if (Report.Rejected)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);
}
