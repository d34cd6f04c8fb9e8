using Npgsql;

namespace NewsReader.Tests.Data;

/// <summary>What the app adds to a PostgreSQL connection string (no server needed: the data source is only built).</summary>
public sealed class PostgresConnectionSettingsTests
{
    private static NpgsqlConnectionStringBuilder Settings(string connectionString)
    {
        using var source = NewsReader.Data.PostgresDatabase.DataSource(connectionString);
        return new NpgsqlConnectionStringBuilder(source.ConnectionString);
    }

    [Fact]
    public void Repeated_statements_are_prepared_and_pooled_connections_keep_their_plans()
    {
        var settings = Settings("Host=db.invalid;Database=newsreader");
        Assert.Equal(NewsReader.Data.PostgresDatabase.AutoPrepared, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db.invalid;Database=newsreader;Max Auto Prepare=0", 0)]
    [InlineData("Host=db.invalid;Database=newsreader;MaxAutoPrepare=8", 8)]
    public void A_connection_string_that_names_auto_prepare_keeps_its_value(string connectionString, int expected) =>
        Assert.Equal(expected, Settings(connectionString).MaxAutoPrepare);
}
