using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsReader.Data;

namespace NewsReader.Bench.Seeding;

/// <summary>
/// Raw SQLite for the seeding commands: EF Core would spend minutes on 100,000 rows that plain
/// prepared statements insert in seconds. Values are written in the formats EF Core's SQLite
/// provider uses (upper-case GUID text, <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> dates, JSON lists),
/// so the app reads them like its own.
/// </summary>
public static class BenchDb
{
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(Database.ResolveConnectionString($"Data Source={path}", Directory.GetCurrentDirectory()));
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA busy_timeout=10000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>A SQLite file, or a PostgreSQL database named by an Npgsql connection string (<c>Host=…</c>): for counts both take.</summary>
    public static System.Data.Common.DbConnection OpenAny(string database)
    {
        if (!database.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return Open(database);
        }

        var connection = new Npgsql.NpgsqlConnection(database);
        connection.Open();
        return connection;
    }

    /// <summary>One number, from SQL both databases take (quoted names, <c>@</c> parameters).</summary>
    public static long Count(System.Data.Common.DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    public static long Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    /// <summary>The id of the account with this e-mail address; there must be one.</summary>
    public static string UserId(SqliteConnection connection, string email)
    {
        using var user = connection.CreateCommand();
        user.CommandText = "SELECT Id FROM AspNetUsers WHERE NormalizedEmail = $email";
        user.Parameters.AddWithValue("$email", email.ToUpperInvariant());
        return user.ExecuteScalar() as string ?? throw new InvalidOperationException($"no account {email}");
    }

    /// <summary>A prepared INSERT with one parameter per column, named after it.</summary>
    public static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var column in columns)
        {
            command.Parameters.Add(new SqliteParameter("$" + column, null));
        }

        command.Prepare();
        return command;
    }

    public static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public static string Text(DateTime value) => value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string Text(DateOnly value) => value.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture);

    public static string Text(Guid value) => value.ToString("D").ToUpperInvariant();
}
