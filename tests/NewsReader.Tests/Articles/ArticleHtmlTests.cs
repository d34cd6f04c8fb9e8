using AngleSharp.Dom;
using NewsReader.Articles;
using NewsReader.Articles.Parsing;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

public sealed class ArticleHtmlTests
{
    private static IElement RenderBlock(ArticleBlock block, IReadOnlyList<MarkSpan> marks)
    {
        var document = Html.Parse($"<p id=\"{block.Anchor}\">{ArticleHtml.BlockInner(block, marks)}</p>");
        return document.GetElementById(block.Anchor)!;
    }

    /// <summary>Which characters of the block each highlight's marks cover, from the DOM.</summary>
    private static Dictionary<string, SortedSet<int>> Coverage(IElement block)
    {
        var coverage = new Dictionary<string, SortedSet<int>>();
        var position = 0;
        foreach (var text in block.Descendants<IText>())
        {
            var ids = text.GetAncestors().OfType<IElement>()
                .Where(e => e.LocalName == "mark")
                .Select(e => e.GetAttribute("data-highlight-id")!);
            foreach (var id in ids)
            {
                if (!coverage.TryGetValue(id, out var set))
                {
                    coverage[id] = set = [];
                }

                for (var i = 0; i < text.Data.Length; i++)
                {
                    set.Add(position + i);
                }
            }

            position += text.Data.Length;
        }

        return coverage;
    }

    [Fact]
    public void Overlapping_highlights_nest_and_each_covers_exactly_its_text()
    {
        var random = new Random(20241126);
        for (var round = 0; round < 300; round++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(5, 60)).Select(_ => "ab <&\"'xyz 🎉\n"[random.Next(13)]));
            text = text.Replace("\uD83C", "x", StringComparison.Ordinal).Replace("\uDF89", "y", StringComparison.Ordinal);
            var inlines = new List<InlineSpan>();
            if (text.Length > 6)
            {
                var a = random.Next(0, text.Length / 2);
                inlines.Add(new InlineSpan(a, random.Next(a + 1, text.Length + 1), (InlineKind)random.Next(4), "https://example.com/?a=1&b=2"));
            }

            var block = new ArticleBlock("p-test", BlockKind.Paragraph, text, Inlines: inlines);
            var marks = new List<MarkSpan>();
            for (var m = 0; m < random.Next(1, 6); m++)
            {
                var start = random.Next(0, text.Length);
                var end = random.Next(start + 1, text.Length + 1);
                marks.Add(new MarkSpan(start, end, $"h{m}", "yellow", First: true));
            }

            var element = RenderBlock(block, marks);
            Assert.Equal(text, element.TextContent);
            var coverage = Coverage(element);
            foreach (var mark in marks)
            {
                Assert.Equal(Enumerable.Range(mark.Start, mark.End - mark.Start), coverage[mark.HighlightId]);
                Assert.Single(element.QuerySelectorAll($"mark#h-{mark.HighlightId}"));
            }

            Assert.Equal(marks.Count, coverage.Count);
        }
    }

    [Fact]
    public void Text_is_encoded_and_hard_breaks_stay_in_the_text_content()
    {
        var block = new ArticleBlock("p-x", BlockKind.Paragraph, "<script>alert(1)</script>\nline two & \"more\"");
        var inner = ArticleHtml.BlockInner(block, []);

        Assert.DoesNotContain("<script>", inner, StringComparison.Ordinal);
        Assert.Contains("<br>", inner, StringComparison.Ordinal);
        Assert.Equal(block.Text, RenderBlock(block, []).TextContent);
    }

    [Fact]
    public void Body_groups_list_items_and_quotes_and_links_each_paragraph()
    {
        var blocks = new List<ArticleBlock>
        {
            new("p-a", BlockKind.Heading, "Heading", Level: 2),
            new("p-b", BlockKind.Paragraph, "Para"),
            new("p-c", BlockKind.ListItem, "One", Ordered: true, Number: 1),
            new("p-d", BlockKind.ListItem, "Two", Ordered: true, Number: 2),
            new("p-e", BlockKind.Quote, "Quoted", Level: 1),
            new("p-f", BlockKind.Code, "x  =  1"),
        };
        var revision = new RevisionContent(1, blocks);
        var document = Html.Parse($"<div id=body>{ArticleHtml.Body(revision, null)}</div>");

        foreach (var block in blocks)
        {
            var element = document.GetElementById(block.Anchor)!;
            Assert.Equal(block.Text, element.TextContent);
            Assert.True(element.HasAttribute("data-block"));
        }

        Assert.Equal("H2", document.GetElementById("p-a")!.TagName);
        Assert.Equal("OL", document.GetElementById("p-c")!.ParentElement!.TagName);
        Assert.Same(document.GetElementById("p-c")!.ParentElement, document.GetElementById("p-d")!.ParentElement);
        Assert.Equal("BLOCKQUOTE", document.GetElementById("p-e")!.ParentElement!.TagName);
        Assert.Equal("PRE", document.GetElementById("p-f")!.TagName);
        Assert.Equal("#p-b", document.QuerySelector("#p-b a.pl")!.GetAttribute("href"));
        Assert.Equal("Link to paragraph 2", document.QuerySelector("#p-b a.pl")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void A_highlight_across_blocks_is_split_per_block()
    {
        var blocks = new List<ArticleBlock> { new("p-a", BlockKind.Paragraph, "First block."), new("p-b", BlockKind.Paragraph, "Second block.") };
        var revision = new RevisionContent(1, blocks);
        var id = Guid.NewGuid();
        var marks = ArticleHtml.MarksByBlock(revision.Text, [new PlacedHighlight(id, "green", "p-a", 6, "p-b", 6)]);
        var document = Html.Parse(ArticleHtml.Body(revision, marks));

        var found = document.QuerySelectorAll($"mark[data-highlight-id='{id}']");
        Assert.Equal(["block.", "Second"], found.Select(m => m.TextContent));
        Assert.All(found, m => Assert.Equal("green", m.GetAttribute("data-color")));
        Assert.Equal($"h-{id}", found[0].Id);
        Assert.False(found[1].HasAttribute("id"));
    }
}
