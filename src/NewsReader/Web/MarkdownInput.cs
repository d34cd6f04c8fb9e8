using Markdig;
using Markdig.Syntax;

namespace NewsReader.Web;

/// <summary>
/// Markdown from outside (notes, imported articles, restored files) parsed without letting
/// hostile input crash the caller: Markdig refuses input nested past its depth limit
/// (`&gt;`×5000, `[`×100000, lists hundreds deep) with an <see cref="ArgumentException"/>,
/// which here is an answer, not an exception.
/// </summary>
public static class MarkdownInput
{
    public static bool TryParse(string markdown, MarkdownPipeline? pipeline, out MarkdownDocument document)
    {
        try
        {
            document = Markdown.Parse(markdown, pipeline);
            return true;
        }
        catch (ArgumentException)
        {
            document = null!;
            return false;
        }
    }
}
