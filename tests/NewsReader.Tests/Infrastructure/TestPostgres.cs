using Npgsql;

namespace NewsReader.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests run on: <c>NEWSREADER_TEST_POSTGRES</c>, a connection string
/// to a server where its user may create databases (<c>.ci/postgres</c> starts a throwaway one
/// and prints it). Each app gets a database of its own, dropped when the app is disposed.
/// Without the variable a test that needs PostgreSQL is skipped on a workstation and fails in CI.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "NEWSREADER_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    /// <summary>The server's connection string, or a skip (a failure in CI) naming what is missing.</summary>
    public static string RequireServer()
    {
        if (Server is { } server)
        {
            return server;
        }

        var message = $"No PostgreSQL for this test: set {Variable} (.ci/postgres starts a throwaway server and prints its connection string).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(message);
        }

        Assert.Skip(message);
        return "";
    }

    /// <summary>A new, empty database on the server; its connection string.</summary>
    public static string NewDatabase()
    {
        var server = new NpgsqlConnectionStringBuilder(RequireServer());
        var name = "newsreader_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }

        server.Database = name;
        return server.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="NewDatabase"/>, closing what still uses it.</summary>
    public static void Drop(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var server = new NpgsqlConnectionStringBuilder(RequireServer()) { Pooling = false };
        try
        {
            using var connection = new NpgsqlConnection(server.ConnectionString);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Database}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The throwaway server goes with its cluster.
        }
    }
}
