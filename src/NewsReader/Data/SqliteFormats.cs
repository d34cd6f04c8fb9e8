using System.Text.Json.Serialization;

namespace NewsReader.Data;

/// <summary>
/// How EF Core keeps values in SQLite, for the few statements written by hand (the importer's
/// rows, the library's page read, the sample article): one place, so a raw write reads back
/// through EF Core and a raw read sees what EF Core wrote (ImportTests read every column back).
/// </summary>
public static class SqliteFormats
{
    /// <summary>A <see cref="DateTime"/>, UTC, as EF Core's SQLite provider writes it.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <summary>A <see cref="DateOnly"/>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    public static string Utc(DateTime value) =>
        UtcDateTimeConverter.Microseconds(value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A list of strings (an article's authors) as EF Core keeps a primitive collection: a JSON array.</summary>
    public static string Strings(List<string> values) => JsonSerializer.Serialize(values, StringsJson.Default.ListString);

    public static List<string> ParseStrings(string json) => JsonSerializer.Deserialize(json, StringsJson.Default.ListString) ?? [];
}

[JsonSerializable(typeof(List<string>))]
internal sealed partial class StringsJson : JsonSerializerContext;
