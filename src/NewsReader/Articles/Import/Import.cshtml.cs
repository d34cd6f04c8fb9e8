using Microsoft.AspNetCore.OutputCaching;
using NewsReader.Accounts;

namespace NewsReader.Articles.Import;

/// <summary>Upload files or paste text: the web door to the importer, for administrators.</summary>
[Authorize(Policy = AccountsSetup.AdminPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = 200 * 1024 * 1024)]
[RequestSizeLimit(200 * 1024 * 1024)]
public sealed class ImportModel(ArticleImporter importer, IOutputCacheStore publicPages) : PageModel
{
    public IReadOnlyList<ImportResult> Results { get; private set; } = [];

    [BindProperty]
    public string? PastedText { get; set; }

    [BindProperty]
    public string? PastedName { get; set; }

    [BindProperty]
    public ArticleFormat PastedFormat { get; set; } = ArticleFormat.WireText;

    public long MaxFileBytes => importer.MaxFileBytes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, CancellationToken ct)
    {
        var results = new List<ImportResult>();
        foreach (var file in files.Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            var name = Path.GetFileName(file.FileName);
            if (file.Length > importer.MaxFileBytes)
            {
                results.Add(ImportResult.Failure(name, importer.TooLarge(file.Length)));
                continue;
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            results.Add(await importer.ImportAsync(name, buffer.ToArray(), ArticleImporter.FormatFor(name), ct));
        }

        if (!string.IsNullOrWhiteSpace(PastedText))
        {
            var name = string.IsNullOrWhiteSpace(PastedName) ? null : Path.GetFileNameWithoutExtension(PastedName.Trim());
            var extension = PastedFormat == ArticleFormat.Markdown ? ".md" : ".txt";
            var source = name is null ? $"pasted-{ArticleImporter.ContentHash(PastedText)[..12]}{extension}" : name + extension;
            results.Add(await importer.ImportTextAsync(source, PastedText, PastedFormat, ct));
        }
        else if (results.Count == 0)
        {
            results.Add(ImportResult.Failure("(nothing)", "choose one or more files, or paste an article's text"));
        }

        Results = results;
        if (results.Exists(r => r.Outcome is not ImportOutcome.Failed and not ImportOutcome.Unchanged))
        {
            await PublicPages.EvictAsync(publicPages, ct);
        }

        if (results.Exists(r => r.Outcome == ImportOutcome.Failed))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
