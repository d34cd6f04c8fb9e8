using System.Text;

namespace NewsReader.Tests.Export;

/// <summary>A small, strict RFC 4180 reader: CRLF between records, quoted fields may hold quotes (doubled), commas and line breaks.</summary>
public static class Rfc4180
{
    public static List<List<string>> Parse(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < csv.Length, "unterminated quoted field");
                    if (csv[i] == '"')
                    {
                        if (i + 1 < csv.Length && csv[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(csv[i++]);
                }

                Assert.True(i == csv.Length || csv[i] == ',' || csv[i] == '\r', $"text after a closing quote at {i}");
                continue;
            }

            switch (csv[i])
            {
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r':
                    Assert.True(i + 1 < csv.Length && csv[i + 1] == '\n', $"CR without LF at {i}");
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    i += 2;
                    break;
                default:
                    Assert.False(csv[i] is '\n' or '"', $"bare {(csv[i] == '\n' ? "LF" : "quote")} in an unquoted field at {i}");
                    field.Append(csv[i++]);
                    break;
            }
        }

        Assert.True(field.Length == 0 && record.Count == 0, "the last record must end with CRLF");
        return records;
    }
}
