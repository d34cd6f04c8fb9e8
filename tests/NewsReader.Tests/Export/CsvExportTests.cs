using NewsReader.Export;

namespace NewsReader.Tests.Export;

public sealed class CsvExportTests
{
    [Fact]
    public async Task One_row_per_highlight_under_the_readwise_header_quoted_by_rfc_4180()
    {
        var article = ExportSamples.Article("Trains, \"night\" ones");
        var tricky = ExportSamples.Highlight("He said \"no\", then\n\nleft.", "Note, with a comma\nand \"quotes\"\r\nand CRLF",
            ["energy", "climate change"], new ExportPlace(4, 0, 5), "blue", "context, background");
        var orphan = ExportSamples.Orphan("lost 📚 quote");
        var csv = await ExportSamples.WriteAsync(ExportFormat.Csv, (article, [tricky, orphan]), (ExportSamples.Article("Empty"), []));

        Assert.StartsWith("Highlight,Title,Author,URL,Note,Location,Date,Color,Tags\r\n", csv, StringComparison.Ordinal);
        var rows = Rfc4180.Parse(csv);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(9, r.Count));
        Assert.Equal(
            [tricky.Exact, "Trains, \"night\" ones", "Hanna Berger and Luca Moretti", article.Url, tricky.Note, "4", "2025-03-14 09:26:53",
                "blue (context, background)", "energy, climate change"],
            rows[1]);
        Assert.Equal("lost 📚 quote", rows[2][0]);
        Assert.Equal("orphaned", rows[2][5]);
        Assert.Equal("yellow", rows[2][7]);
    }
}
