using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using NewsReader.Export;

namespace NewsReader.Tests.Export;

public sealed class MarkdownExportTests
{
    /// <summary>Plain CommonMark, and the extensions readers' tools add (tables, strikethrough, maths, autolinks…).</summary>
    public static readonly TheoryData<string> Pipelines = ["commonmark", "extended"];

    private static MarkdownPipeline Pipeline(string name) => name == "extended"
        ? new MarkdownPipelineBuilder().UseAdvancedExtensions().Build()
        : new MarkdownPipelineBuilder().Build();

    public static readonly TheoryData<string> TrickyQuotes =
    [
        "*not emphasis* and _this_ and `code` and [a link](https://x.org) and <b>html</b>",
        "AT&T, &amp; and &#35; stay as written",
        "# not a heading",
        "1. not a list",
        "2024) not a list either",
        "- not a bullet",
        "+ nor this",
        "> not a quote",
        "===",
        "---",
        "    four spaces of indent",
        "trailing spaces   ",
        "\tand a tab",
        "Obsidian ==highlight== %%comment%% $5 and $x$ #tag ~~strike~~",
        "| a | b |",
        "^superscript^ ++inserted++ \"\"citation\"\" {.class} [^1]",
        ": a definition\n::: a container",
        "+---+ grid",
        "back\\slash and \\*",
        "first paragraph\n\nsecond paragraph\nwith a line break",
        "code keeps   its spacing\nand lines",
        "«الشعر يجمع ما تفرقه السياسة» 📚 and ״השירה״ 👩🏽‍🎤",
    ];

    [Theory]
    [MemberData(nameof(QuoteCases))]
    public async Task Quotes_render_to_exactly_their_text(string quote, string pipeline)
    {
        var markdown = await ExportSamples.WriteAsync(ExportFormat.Markdown, (ExportSamples.Article(), [ExportSamples.Highlight(quote)]));
        var document = Markdown.Parse(markdown, Pipeline(pipeline));
        var blockQuote = Assert.Single(document.Descendants<QuoteBlock>());
        Assert.Equal(quote, PlainText(blockQuote));
    }

    public static TheoryData<string, string> QuoteCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var quote in TrickyQuotes)
        {
            foreach (var pipeline in Pipelines)
            {
                cases.Add(quote, pipeline);
            }
        }

        // Renderers that turn bare URLs into links keep the escapes inside them as written: CommonMark only.
        cases.Add("https://example.com/a_b_c and www.example.com/*x*", "commonmark");

        return cases;
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public async Task Each_article_has_a_heading_with_its_details_and_each_highlight_its_note_tags_colour_and_link(string pipeline)
    {
        var article = ExportSamples.Article("A *title* with # and [brackets]", note: "The **whole** article.");
        var first = ExportSamples.Highlight("first quote", "A **bold** note\n\n- with a list", ["energy", "climate change"], label: "key claim");
        var orphan = ExportSamples.Orphan("lost quote", "kept note");
        var markdown = await ExportSamples.WriteAsync(ExportFormat.Markdown, (article, [first, orphan]), (ExportSamples.Article("Second"), []));

        var document = Markdown.Parse(markdown, Pipeline(pipeline));
        var headings = document.Descendants<HeadingBlock>().ToList();
        Assert.Equal(["Notes from NewsReader", "A *title* with # and [brackets]", "Article note", "Highlights", "Second"],
            headings.Select(PlainText));
        Assert.Equal([1, 2, 3, 3, 2], headings.Select(h => h.Level));

        var details = document.Descendants<ListItemBlock>().Select(PlainText).ToList();
        Assert.Contains("By: Hanna Berger and Luca Moretti", details);
        Assert.Contains("Published: 2024-10-20", details);
        Assert.Contains("Source: Rail Weekly", details);
        Assert.Contains("URL: https://notes.example.org/articles/night-trains", details);
        Assert.Contains(document.Descendants<AutolinkInline>(), l => l.Url == article.Url);

        var links = document.Descendants<LinkInline>().Select(l => l.Url).ToList();
        Assert.Contains($"{article.Url}#h-{first.Id}", links);
        Assert.Contains($"{article.Url}#h-{orphan.Id}", links);

        var paragraphs = document.Descendants<ParagraphBlock>().Where(p => p.Parent is MarkdownDocument).Select(PlainText).ToList();
        Assert.Contains(paragraphs, p => p.StartsWith("Colour: Yellow (key claim) · Tags: #energy, #climate change · Paragraph 3 · 2025-03-14", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.StartsWith("Orphaned: no longer found in the article · Colour: Yellow", StringComparison.Ordinal));
        Assert.Contains("kept note", paragraphs);
        Assert.Contains(document.Descendants<EmphasisInline>(), e => PlainText(e) == "whole");
        Assert.Equal(["first quote", "lost quote"], document.Descendants<QuoteBlock>().Select(PlainText));
    }

    [Fact]
    public async Task A_note_that_would_swallow_what_follows_is_kept_as_a_literal_block()
    {
        var hostile = "Look <img src=x onerror=alert(1)> here\n\n```\nan unclosed fence";
        var markdown = await ExportSamples.WriteAsync(ExportFormat.Markdown,
            (ExportSamples.Article(), [ExportSamples.Highlight("one", hostile), ExportSamples.Highlight("two", "<!-- an open comment")]),
            (ExportSamples.Article("Next article"), [ExportSamples.Highlight("three")]));

        var document = Markdown.Parse(markdown);
        Assert.Equal(["one", "two", "three"], document.Descendants<QuoteBlock>().Select(PlainText));
        Assert.Contains("Next article", document.Descendants<HeadingBlock>().Select(PlainText));
        var fences = document.Descendants<FencedCodeBlock>().Select(f => f.Lines.ToString()).ToList();
        Assert.Equal([hostile, "<!-- an open comment"], fences);
    }

    [Theory]
    [InlineData("Plain note", true)]
    [InlineData("```\nclosed\n```", true)]
    [InlineData("> a quote\n- a list", true)]
    [InlineData("```\nopen", false)]
    [InlineData("<!-- open", false)]
    [InlineData("<script>\nalert(1)", false)]
    public void Notes_are_checked_for_what_they_leave_open(string note, bool selfContained) =>
        Assert.Equal(selfContained, MarkdownText.IsSelfContained(note));

    /// <summary>
    /// The shortcut IsSelfContained takes: without ` ~ or &lt; a note never needs the parse.
    /// Checked against the parse on notes made of the characters that open Markdown's other blocks.
    /// </summary>
    [Fact]
    public void Notes_without_fence_or_html_characters_are_always_self_contained()
    {
        string[] pieces = ["\n", "\n\n", " ", "    ", "\t", ">", "> ", "- ", "* ", "+ ", "1. ", "2) ", "#", "# ", "=", "===", "---", "***", "___",
            "[a]: /u", "[a]:", "\"", "'", "(", ")", "[", "]", "!", "\\", "|", "&amp;", "&#", "$$", "%%", "==", "text", "word ", "Key"];
        var random = new Random(6);
        for (var n = 0; n < 5_000; n++)
        {
            var note = string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.True(MarkdownText.ParsesSelfContained(note), $"parsed as open: {note}");
        }
    }

    [Fact]
    public async Task A_single_article_export_starts_with_the_article_title()
    {
        var markdown = await ExportSamples.WriteAsync(ExportFormat.Markdown, (ExportSamples.Article(), [ExportSamples.Highlight("q")]));
        Assert.StartsWith("\n# Night trains return\n", markdown, StringComparison.Ordinal);
    }

    /// <summary>The text a reader sees: literals, entities decoded, hard breaks as new lines, paragraphs apart by a blank line.</summary>
    public static string PlainText(MarkdownObject node)
    {
        var text = new StringBuilder();
        Append(node, text);
        return text.ToString();
    }

    private static void Append(MarkdownObject node, StringBuilder text)
    {
        switch (node)
        {
            case LeafBlock { Inline: { } inline }:
                Append(inline, text);
                break;
            case ContainerBlock container:
                for (var i = 0; i < container.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append("\n\n");
                    }

                    Append(container[i], text);
                }

                break;
            case LiteralInline literal:
                text.Append(literal.Content);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded);
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? "\n" : "<soft break>");
                break;
            case CodeInline code:
                text.Append('`').Append(code.Content).Append('`');
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case LinkInline { IsAutoLink: true } link:
                AppendChildren(link, text);
                break;
            case ContainerInline container:
                AppendChildren(container, text);
                break;
            default:
                text.Append('<').Append(node.GetType().Name).Append('>');
                break;
        }
    }

    private static void AppendChildren(ContainerInline container, StringBuilder text)
    {
        foreach (var child in container)
        {
            Append(child, text);
        }
    }
}
