using NewsReader.Export;

namespace NewsReader.Tests.Export;

public sealed class CsvExportTests
{
    [Fact]
    public async Task One_row_per_highlight_under_the_readwise_header_quoted_by_rfc_4180()
    {
        var article = ExportSamples.Article("Trains, \"night\" ones", tags: ["rail", "night, trains"]);
        var tricky = ExportSamples.Highlight("He said \"no\", then\n\nleft.", "Note, with a comma\nand \"quotes\"\r\nand CRLF",
            ["energy", "climate change"], new ExportPlace(4, 0, 5), "blue", "context, background");
        var orphan = ExportSamples.Orphan("lost 📚 quote");
        var csv = await ExportSamples.WriteAsync(ExportFormat.Csv, (article, [tricky, orphan]), (ExportSamples.Article("Empty"), []));

        Assert.StartsWith("Highlight,Title,Author,URL,Note,Location,Date,Color,Tags,Document tags\r\n", csv, StringComparison.Ordinal);
        var rows = Rfc4180.Parse(csv);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(10, r.Count));
        Assert.Equal(
            [tricky.Exact, "Trains, \"night\" ones", "Hanna Berger and Luca Moretti", article.Url, tricky.Note, "4", "2025-03-14 09:26:53",
                "blue (context, background)", "energy, climate change", "rail, night, trains"],
            rows[1]);
        Assert.Equal("lost 📚 quote", rows[2][0]);
        Assert.Equal("orphaned", rows[2][5]);
        Assert.Equal("yellow", rows[2][7]);
    }

    [Fact]
    public async Task A_cell_that_a_spreadsheet_would_run_as_a_formula_starts_with_a_quote()
    {
        var hostile = ExportSamples.Highlight("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0",
            ["@sum(a1)"], new ExportPlace(1, 0, 5), "green", "-2+3");
        var tabbed = ExportSamples.Highlight("\tleading tab", "\rleading return", [], new ExportPlace(2, 0, 5), "pink", null);
        var plain = ExportSamples.Highlight("a plain quote - with a dash inside", "plain note", [], new ExportPlace(3, 0, 5), "blue", null);
        var csv = await ExportSamples.WriteAsync(ExportFormat.Csv, (ExportSamples.Article("=cmd|' /C calc'!A0"), [hostile, tabbed, plain]));

        var rows = Rfc4180.Parse(csv).Skip(1).ToList();
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"click\")", rows[0][0]);
        Assert.Equal("'=cmd|' /C calc'!A0", rows[0][1]);
        Assert.Equal("'+1+cmd|' /C calc'!A0", rows[0][4]);
        Assert.Equal("green (-2+3)", rows[0][7]);
        Assert.Equal("'@sum(a1)", rows[0][8]);
        Assert.Equal("'\tleading tab", rows[1][0]);
        Assert.Equal("'\rleading return", rows[1][4]);
        Assert.Equal("a plain quote - with a dash inside", rows[2][0]);
        var cells = rows.SelectMany(r => r).ToList();
        Assert.DoesNotContain(cells, c => c.Length > 0 && CsvExport.LooksLikeFormula(c));
    }
}
