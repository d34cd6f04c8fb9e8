using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NewsReader.Web;

namespace NewsReader.Annotations;

/// <summary>
/// Renders a note's Markdown to HTML that is safe on any page: raw HTML stays literal text
/// (Markdig escapes it), links and images keep only http(s)/mailto/relative targets, images
/// become links (no third-party requests), and headings become bold paragraphs so a note can
/// never add an <c>h1</c> to the page.
/// </summary>
public static class NoteMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    public const string TooDeeplyNested =
        "This note is nested too deeply to read as Markdown (hundreds of quotes, lists or brackets inside each other). Flatten it and save it again.";

    /// <summary>Why <paramref name="markdown"/> cannot be a note's Markdown, or null when it can.</summary>
    public static string? Problem(string? markdown) => TryToHtml(markdown, out _) ? null : TooDeeplyNested;

    /// <summary>
    /// The note's HTML (empty for an empty note), or false when it cannot be a note's Markdown
    /// (<see cref="TooDeeplyNested"/>): checking and rendering a note being written in one pass.
    /// </summary>
    public static bool TryToHtml(string? markdown, out string html)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            html = "";
            return true;
        }

        return TryRender(markdown, out html);
    }

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        // Refused when written (Problem); a note stored before that rule shows as its plain text.
        return TryRender(markdown, out var html) ? html : "<p>" + System.Net.WebUtility.HtmlEncode(markdown) + "</p>\n";
    }

    /// <summary>Markdig refuses input nested past its depth limit while parsing or while rendering: both are caught here.</summary>
    private static bool TryRender(string markdown, out string html)
    {
        try
        {
            html = Render(markdown);
            return true;
        }
        catch (ArgumentException)
        {
            html = "";
            return false;
        }
    }

    private static string Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!UrlPolicy.IsSafe(link.Url))
            {
                Unwrap(link);
                continue;
            }

            link.IsImage = false;
            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!UrlPolicy.IsSafe(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HeadingRenderer>(new NoteHeadingRenderer());
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>Replaces a link by its content (or its URL as text, for an image without alt text).</summary>
    private static void Unwrap(LinkInline link)
    {
        if (link.FirstChild is null)
        {
            link.ReplaceBy(new LiteralInline(link.Url ?? ""));
            return;
        }

        var children = link.ToList();
        Inline anchor = link;
        foreach (var child in children)
        {
            child.Remove();
            anchor.InsertAfter(child);
            anchor = child;
        }

        link.Remove();
    }

    private sealed class NoteHeadingRenderer : HtmlObjectRenderer<HeadingBlock>
    {
        protected override void Write(HtmlRenderer renderer, HeadingBlock block)
        {
            renderer.Write("<p class=\"note-heading\"><strong>");
            renderer.WriteLeafInline(block);
            renderer.Write("</strong></p>").WriteLine();
        }
    }
}
