using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NewsReader.History;

/// <summary>A compared paragraph's words as HTML: inserted words in <c>&lt;ins&gt;</c>, deleted in <c>&lt;del&gt;</c>, every piece encoded, no white space added between them.</summary>
public static class DiffHtml
{
    public static IHtmlContent Of(IReadOnlyList<Segment> segments)
    {
        var html = new StringBuilder();
        foreach (var segment in segments)
        {
            var (open, close) = segment.Kind switch
            {
                SegmentKind.Inserted => ("<ins>", "</ins>"),
                SegmentKind.Deleted => ("<del>", "</del>"),
                _ => ("", ""),
            };
            html.Append(open).Append(HtmlEncoder.Default.Encode(segment.Text)).Append(close);
        }

        return new HtmlString(html.ToString());
    }
}
