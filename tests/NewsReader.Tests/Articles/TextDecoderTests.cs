using System.Text;
using NewsReader.Articles.Parsing;
using NewsReader.Tests.Infrastructure;

namespace NewsReader.Tests.Articles;

public sealed class TextDecoderTests
{
    [Fact]
    public void Windows_1252_is_decoded_not_replaced()
    {
        var text = TextDecoder.Decode(File.ReadAllBytes(Paths.Fixture("latin1-windows1252.txt")));

        Assert.Contains("Renée Dupont", text, StringComparison.Ordinal);
        Assert.Contains("PARIS, June 1 (Seine Wire) – The café", text, StringComparison.Ordinal);
        Assert.Contains("crème brûlée on Saturday, “after 80 years”.", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public void Utf16_with_bom_is_decoded()
    {
        var text = TextDecoder.Decode(File.ReadAllBytes(Paths.Fixture("utf16-bom.txt")));

        Assert.StartsWith("date 2018-04-04 By Kim Ng\n", text, StringComparison.Ordinal);
        Assert.Contains("concert 🎤.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binary.txt", "binary")]
    [InlineData("undecodable.txt", "control character")]
    public void Binary_and_undecodable_files_are_refused(string fixture, string reason)
    {
        var error = Assert.Throws<ArticleFormatException>(() => TextDecoder.Decode(File.ReadAllBytes(Paths.Fixture(fixture))));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf16_after_a_bom_is_refused_not_replaced()
    {
        byte[] bytes = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        var error = Assert.Throws<ArticleFormatException>(() => TextDecoder.Decode(bytes));
        Assert.Contains("UTF-16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_endings_and_bom_are_the_only_changes()
    {
        var source = "\uFEFFa\r\nb\rc\n\u00A0d\u2019 \U0001F600";
        var text = TextDecoder.Decode(Encoding.UTF8.GetBytes(source));
        Assert.Equal("a\nb\nc\n\u00A0d\u2019 \U0001F600", text);
    }
}
