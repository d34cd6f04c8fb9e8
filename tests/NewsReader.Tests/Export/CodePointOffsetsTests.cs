using System.Text;
using NewsReader.Export;

namespace NewsReader.Tests.Export;

public sealed class CodePointOffsetsTests
{
    [Theory]
    [InlineData("plain ASCII text")]
    [InlineData("a🎉b")]
    [InlineData("🎉🎉🎉 three first")]
    [InlineData("Hebrew ״השירה״ and a family 👩🏽‍🎤 then text")]
    [InlineData("lone \uD83D surrogate and a pair 📚")]
    [InlineData("")]
    public void Every_offset_converts_both_ways_as_runes_count(string text)
    {
        var offsets = new CodePointOffsets(text);
        Assert.Equal(RuneCount(text), offsets.Length);
        for (var i = 0; i <= text.Length; i++)
        {
            if (i > 0 && i < text.Length && char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]))
            {
                continue;
            }

            var codePoints = offsets.ToCodePoints(i);
            Assert.Equal(RuneCount(text[..i]), codePoints);
            Assert.Equal(i, offsets.ToUtf16(codePoints));
        }
    }

    [Fact]
    public void Code_points_past_the_end_have_no_utf16_offset()
    {
        var offsets = new CodePointOffsets("🎉x");
        Assert.Equal(2, offsets.Length);
        Assert.Null(offsets.ToUtf16(3));
        Assert.Null(offsets.ToUtf16(-1));
    }

    private static int RuneCount(string text)
    {
        var count = 0;
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            // A lone surrogate is replaced by one rune: it counts as one code point too.
            Rune.DecodeFromUtf16(span, out _, out var used);
            span = span[used..];
            count++;
        }

        return count;
    }
}
