using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NewsReader.Data;

/// <summary>
/// <see cref="AppDb"/> on PostgreSQL. A type of its own because EF Core finds a context's
/// migrations by its type: these live in <c>Postgres/Migrations</c>, SQLite's in
/// <c>Migrations</c>. It adds the data-protection key ring, which on PostgreSQL is in the
/// database so every app instance signs and reads the same cookies and tokens (on SQLite the
/// keys stay in files beside the database: one server).
/// </summary>
public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Text compares and sorts by code point, as in SQLite, whatever the server's locale: tags,
    /// titles, names and enums stored by name come out in the same order on both databases (and so do exports).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => (p.GetValueConverter()?.ProviderClrType ?? p.GetProviderClrType() ?? p.ClrType) == typeof(string)))
        {
            property.SetCollation("C");
        }
    }
}

/// <summary>
/// For <c>dotnet ef migrations add … --context PostgresAppDb</c>: generating a migration needs
/// the provider, not a server.
/// </summary>
internal sealed class PostgresAppDbDesignTime : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql("Host=localhost;Database=newsreader").Options);
}
