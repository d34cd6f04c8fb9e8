using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NewsReader.Web;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NewsReader.Articles.Parsing;

/// <summary>
/// Parses a Markdown article (CommonMark via Markdig, optional YAML front matter) into blocks of
/// exact text with inline formatting spans. Raw HTML is kept as literal text, never rendered;
/// links whose scheme is not http(s) or mailto lose their target.
/// </summary>
public static class MarkdownArticleParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .DisableHtml()
        .Build();

    public static ParsedArticle Parse(string text)
    {
        if (!Web.MarkdownInput.TryParse(text, Pipeline, out var document))
        {
            throw new ArticleFormatException("Markdown nested too deeply to read (hundreds of quotes, lists or brackets inside each other)");
        }

        var frontMatter = ReadFrontMatter(document);

        var blocks = new List<ArticleBlock>();
        string? headingTitle = null;
        foreach (var block in document)
        {
            if (headingTitle is null && frontMatter.Title is null && blocks.Count == 0
                && block is HeadingBlock { Level: 1 } h1)
            {
                headingTitle = InlineText.From(h1.Inline).Text;
                continue;
            }

            AddBlock(block, blocks, listDepth: 0, quoteDepth: 0);
        }

        if (blocks.Count == 0)
        {
            throw new ArticleFormatException("no article text: the Markdown has no paragraphs, headings or lists");
        }

        var title = frontMatter.Title ?? headingTitle
            ?? Titles.FromLede(blocks.FirstOrDefault(b => b.Kind == BlockKind.Paragraph)?.Text ?? blocks[0].Text);
        return new ParsedArticle(title, frontMatter.Authors, frontMatter.Date, frontMatter.Source, Place: null, blocks);
    }

    private static void AddBlock(Block block, List<ArticleBlock> blocks, int listDepth, int quoteDepth)
    {
        switch (block)
        {
            case YamlFrontMatterBlock:
                // Read separately; it derives from CodeBlock, so it must be excluded before that case.
                break;
            case HeadingBlock heading:
                AddInline(blocks, BlockKind.Heading, heading.Inline, Math.Clamp(heading.Level, 2, 6));
                break;
            case ParagraphBlock paragraph:
                AddInline(blocks, quoteDepth > 0 ? BlockKind.Quote : BlockKind.Paragraph, paragraph.Inline, quoteDepth);
                break;
            case CodeBlock code:
                var lines = code.Lines.ToString().TrimEnd('\n');
                if (lines.Trim().Length > 0)
                {
                    blocks.Add(new ArticleBlock("", BlockKind.Code, lines));
                }

                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    AddBlock(child, blocks, listDepth, quoteDepth + 1);
                }

                break;
            case ListBlock list:
                AddList(list, blocks, listDepth, quoteDepth);
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AddBlock(child, blocks, listDepth, quoteDepth);
                }

                break;
            default:
                // Thematic breaks, link reference definitions and the front matter carry no text.
                break;
        }
    }

    private static void AddList(ListBlock list, List<ArticleBlock> blocks, int depth, int quoteDepth)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, CultureInfo.InvariantCulture, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var text = new InlineText();
            var nested = new List<Block>();
            foreach (var child in item)
            {
                if (child is ParagraphBlock paragraph)
                {
                    if (text.Length > 0)
                    {
                        text.Append(" ");
                    }

                    text.AppendInline(paragraph.Inline);
                }
                else
                {
                    nested.Add(child);
                }
            }

            if (text.Length > 0)
            {
                blocks.Add(new ArticleBlock("", BlockKind.ListItem, text.Text, depth, list.IsOrdered,
                    list.IsOrdered ? number : null, text.Spans));
            }

            number++;
            foreach (var child in nested)
            {
                AddBlock(child, blocks, depth + 1, quoteDepth);
            }
        }
    }

    private static void AddInline(List<ArticleBlock> blocks, BlockKind kind, ContainerInline? inline, int level)
    {
        var text = InlineText.From(inline);
        if (text.Text.Trim().Length > 0)
        {
            blocks.Add(new ArticleBlock("", kind, text.Text, level, Inlines: text.Spans));
        }
    }

    private sealed record FrontMatter(string? Title, IReadOnlyList<string> Authors, DateOnly? Date, string? Source);

    private static FrontMatter ReadFrontMatter(MarkdownDocument document)
    {
        var block = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        if (block is null)
        {
            return new FrontMatter(null, [], null, null);
        }

        var yaml = string.Join('\n', block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString()));
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ArticleFormatException($"front matter is not valid YAML (line {e.Start.Line + 1}): {e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            return new FrontMatter(null, [], null, null);
        }

        string? Scalar(string key) =>
            map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && string.Equals(k.Value, key, StringComparison.OrdinalIgnoreCase)).Value switch
            {
                YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) => s.Value.Trim(),
                null => null,
                YamlScalarNode => null,
                _ => throw new ArticleFormatException($"front matter: '{key}' must be a single value"),
            };

        var authors = new List<string>();
        foreach (var key in new[] { "authors", "author" })
        {
            var node = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && string.Equals(k.Value, key, StringComparison.OrdinalIgnoreCase)).Value;
            switch (node)
            {
                case YamlSequenceNode sequence:
                    authors.AddRange(sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0));
                    break;
                case YamlScalarNode scalar when !string.IsNullOrWhiteSpace(scalar.Value):
                    authors.AddRange(WireTextParser.SplitNames(scalar.Value));
                    break;
                default:
                    break;
            }
        }

        DateOnly? date = null;
        if (Scalar("date") is { } dateText)
        {
            var datePart = dateText.Length >= 10 ? dateText[..10] : dateText;
            date = DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new ArticleFormatException($"front matter: date '{dateText}' is not a valid date (expected YYYY-MM-DD)");
        }

        return new FrontMatter(Scalar("title"), authors.Distinct().ToList(), date, Scalar("source"));
    }

    /// <summary>Flattens Markdig inlines into exact text plus formatting spans.</summary>
    private sealed class InlineText
    {
        private readonly StringBuilder _text = new();
        private readonly List<InlineSpan> _spans = [];

        public int Length => _text.Length;

        public string Text => _text.ToString();

        public IReadOnlyList<InlineSpan> Spans => _spans;

        public static InlineText From(ContainerInline? inline)
        {
            var result = new InlineText();
            result.AppendInline(inline);
            return result;
        }

        public void Append(string value) => _text.Append(value);

        public void AppendInline(Inline? inline)
        {
            switch (inline)
            {
                case null:
                    return;
                case LiteralInline literal:
                    _text.Append(literal.Content.ToString());
                    return;
                case HtmlEntityInline entity:
                    _text.Append(entity.Transcoded.ToString());
                    return;
                case HtmlInline html:
                    _text.Append(html.Tag);
                    return;
                case LineBreakInline lineBreak:
                    _text.Append(lineBreak.IsHard ? '\n' : ' ');
                    return;
                case CodeInline code:
                    Span(InlineKind.Code, null, () => _text.Append(code.Content));
                    return;
                case AutolinkInline autolink:
                    var target = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
                    Span(InlineKind.Link, UrlPolicy.IsSafe(target) ? target : null, () => _text.Append(autolink.Url));
                    return;
                case LinkInline link:
                    Span(InlineKind.Link, UrlPolicy.IsSafe(link.Url) ? link.Url : null, () =>
                    {
                        var before = _text.Length;
                        AppendChildren(link);
                        if (_text.Length == before && link.IsImage)
                        {
                            _text.Append(link.Url);
                        }
                    });
                    return;
                case EmphasisInline emphasis:
                    var kind = emphasis.DelimiterCount >= 2 ? InlineKind.Strong : InlineKind.Emphasis;
                    Span(kind, null, () => AppendChildren(emphasis));
                    return;
                case ContainerInline container:
                    AppendChildren(container);
                    return;
                default:
                    _text.Append(inline.ToString());
                    return;
            }
        }

        private void AppendChildren(ContainerInline container)
        {
            foreach (var child in container)
            {
                AppendInline(child);
            }
        }

        private void Span(InlineKind kind, string? href, Action content)
        {
            var start = _text.Length;
            content();
            var neutralised = kind == InlineKind.Link && href is null;
            if (_text.Length > start && !neutralised)
            {
                _spans.Add(new InlineSpan(start, _text.Length, kind, href));
            }
        }
    }
}
