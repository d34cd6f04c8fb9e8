using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NewsReader.Data;

/// <summary>
/// Every stored time is UTC, to the microsecond: PostgreSQL keeps no finer, so SQLite (which
/// would keep .NET's 100 ns ticks) is written and read at the same precision, and a database
/// copied from one to the other reads, and exports, exactly the same. Times written before this
/// rule are read at it too.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => Microseconds(v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime()),
    v => Microseconds(DateTime.SpecifyKind(v, DateTimeKind.Utc)))
{
    public static DateTime Microseconds(DateTime value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMicrosecond));
}
