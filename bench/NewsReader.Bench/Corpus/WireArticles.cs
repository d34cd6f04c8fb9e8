using System.Globalization;
using System.Text;

namespace NewsReader.Bench.Corpus;

/// <summary>
/// Generated wire-service articles in the importer's wire-text format: a <c>date … By …</c>
/// header, a headline, a dateline lede, paragraphs and an ALL-CAPS subheading, with the curly
/// quotes and dashes real copy has. Deterministic for a seed; the number at the start of each
/// headline makes every title, and so every slug (cut at 60 characters), unique.
/// </summary>
public static class WireArticles
{
    private static readonly string[] Places =
    [
        "PORTHALLOW", "OSLO", "LISBON", "NAIROBI", "MONTREAL", "BRISBANE", "VALPARAÍSO", "TALLINN", "KRAKÓW", "DAKAR",
        "GDAŃSK", "HALIFAX", "ABERDEEN", "CÓRDOBA", "TROMSØ", "LEÓN", "MOMBASA", "REYKJAVÍK", "ZÜRICH", "GALWAY",
    ];

    private static readonly string[] Sources = ["NewsReader Wire", "Harbour Press", "Northern Wire", "Coastal News Service"];

    private static readonly string[] Months = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

    private static readonly string[] Names =
    [
        "Ada Okafor", "Tomás Lindqvist", "Mirela Santos", "Jonas Berg", "Priya Raman", "Kwame Mensah", "Léa Martin",
        "Hana Novák", "Daniel Okoye", "Lena Marsh", "Ines Ferreira", "Olu Adebayo", "Marta Kowalska", "Sean Byrne",
    ];

    private static readonly string[] Subjects =
    [
        "The harbour council", "The regional transport authority", "Local fishermen", "The town’s hospital trust",
        "Opposition lawmakers", "The ferry operator", "A group of residents", "The port authority", "Night-shift nurses",
        "The mayor’s office", "Environmental campaigners", "The national grid operator", "Small-business owners",
        "The school board", "Energy regulators", "The coast guard", "Union representatives", "The finance ministry",
    ];

    private static readonly string[] Verbs =
    [
        "voted to delay", "agreed to review", "rejected", "approved", "called for an inquiry into", "raised concerns about",
        "promised to fund", "warned against", "set aside money for", "asked for more time to study", "backed",
        "postponed a decision on", "published new figures on", "signed a contract for",
    ];

    private static readonly string[] Objects =
    [
        "the night ferry service", "a new sea wall", "the hydro plant’s retirement", "a quieter engine for the boat",
        "plans for a floating classroom", "the bus timetable", "the harbour dredging project", "a rise in water tariffs",
        "the wind farm’s second phase", "the winter shelter", "a road toll around the estuary", "the fish market’s lease",
        "the airport’s night flights", "an early warning system for floods", "the old cannery site",
    ];

    private static readonly string[] Tails =
    [
        "after a year of debate", "on Saturday", "despite strong objections", "at a meeting that ran past midnight",
        "ahead of the winter storms", "following a dry summer", "in a close vote", "for the second time this year",
        "after pressure from residents", "while talks with the unions continue",
    ];

    private static readonly string[] Attributions =
    [
        "officials said", "a spokeswoman said", "the minutes show", "according to two people familiar with the matter",
        "the town clerk said", "a report published on Monday found", "people at the meeting said", "the operator said in a statement",
    ];

    private static readonly string[] Details =
    [
        "The service carries about {0} passengers a night, most of them hospital staff, bakers and fishermen.",
        "Supporters argued that without it the drive around the estuary would take {0} minutes.",
        "The subsidy of {0},000 pounds a year could pay for other things — a new roof for the school, for one.",
        "Turnout was the highest in {0} years, the clerk said, with queues outside the library until late.",
        "Engineers estimate the work would take {0} months and close the quay for most of the summer.",
        "Water levels were {0} centimetres below the seasonal average, the lowest since records began.",
        "Some {0} households signed the petition, which was delivered to the town hall on Friday.",
        "The contract, worth {0} million, is expected to be signed before the end of the year.",
    ];

    private static readonly string[] Quotes =
    [
        "“People who never go to meetings came out for this one,” said {0}, who runs the café beside the pier.",
        "“We are not against change, we are against change without a plan,” said {0}, a retired teacher.",
        "“Nobody here wants to lose the boat, but nobody wants to pay for it either,” {0} said.",
        "“It is the only way to get to the hospital before the first bus,” said {0}, a nurse.",
        "“The figures speak for themselves,” {0} told reporters after the vote.",
    ];

    private static readonly string[] Subheadings = ["WHAT HAPPENS NEXT", "WHO USES THE SERVICE", "THE COST", "A LONG ARGUMENT", "MORE DELAYS"];

    /// <summary>A full article of about <paramref name="targetBytes"/> UTF-8 bytes (the seed article is ~3.3 KB).</summary>
    public static string Article(Random random, int number, int targetBytes = 3300)
    {
        var text = new StringBuilder(targetBytes + 512);
        AppendHeader(text, random, number);
        var subheadingAt = targetBytes / 2;
        var subheadingDone = false;
        while (Encoding.UTF8.GetByteCount(text.ToString()) < targetBytes)
        {
            if (!subheadingDone && text.Length > subheadingAt)
            {
                text.Append(Pick(random, Subheadings)).Append("\n\n");
                subheadingDone = true;
            }

            text.Append(Paragraph(random)).Append("\n\n");
        }

        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>A headline and a one-paragraph lede: the cheap rows the library is filled with up to 100,000.</summary>
    public static string Brief(Random random, int number)
    {
        var text = new StringBuilder(512);
        AppendHeader(text, random, number);
        text.Append(Paragraph(random)).Append('\n');
        return text.ToString();
    }

    /// <summary>A headline and one short sentence: the article whose page weighs only its furniture.</summary>
    public static string Tiny(int number) =>
        $"date 2026-01-05 By {Names[0]}\n\nHarbour notice number {number.ToString(CultureInfo.InvariantCulture)} posted at the quay\n\nThe quay is closed on Sunday.\n";

    private static void AppendHeader(StringBuilder text, Random random, int number)
    {
        var date = new DateOnly(2015, 1, 1).AddDays(random.Next(0, 11 * 365));
        var authors = random.Next(3) == 0 ? Pick(random, Names) : $"{Pick(random, Names)} and {Pick(random, Names)}";
        text.Append("date ").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(" By ").Append(authors).Append("\n\n");
        text.Append(Headline(random, number)).Append("\n\n");
        var day = date.AddDays(-1);
        text.Append(Pick(random, Places)).Append(", ").Append(Months[day.Month - 1]).Append(' ')
            .Append(day.Day.ToString(CultureInfo.InvariantCulture)).Append(" (").Append(Pick(random, Sources)).Append(") – ")
            .Append(Sentence(random)).Append(' ').Append(Sentence(random)).Append("\n\n");
    }

    private static string Headline(Random random, int number)
    {
        var subject = Pick(random, Subjects);
        subject = subject.StartsWith("The ", StringComparison.Ordinal) ? char.ToUpperInvariant(subject[4]) + subject[5..] : subject;
        return $"Vote {number.ToString("N0", CultureInfo.InvariantCulture)}: {subject} {Pick(random, Verbs)} {Pick(random, Objects)}";
    }

    private static string Paragraph(Random random)
    {
        var paragraph = new StringBuilder(400);
        var sentences = random.Next(2, 4);
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0)
            {
                paragraph.Append(' ');
            }

            paragraph.Append(random.Next(4) switch
            {
                0 => string.Format(CultureInfo.InvariantCulture, Pick(random, Details), random.Next(12, 990)),
                1 => string.Format(CultureInfo.InvariantCulture, Pick(random, Quotes), Pick(random, Names)),
                _ => Sentence(random),
            });
        }

        return paragraph.ToString();
    }

    private static string Sentence(Random random) =>
        $"{Pick(random, Subjects)} {Pick(random, Verbs)} {Pick(random, Objects)} {Pick(random, Tails)}, {Pick(random, Attributions)}.";

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
