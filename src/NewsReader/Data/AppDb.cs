using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using NewsReader.Annotations;
using NewsReader.Articles;

namespace NewsReader.Data;

/// <summary>
/// The one database: articles and their revisions, readers (Identity) and their annotations.
/// This type on SQLite; <see cref="PostgresAppDb"/>, the same model, on PostgreSQL (its own
/// migrations, README.md).
/// </summary>
public class AppDb : IdentityDbContext<IdentityUser>
{
    public AppDb(DbContextOptions<AppDb> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="PostgresAppDb"/>: a context type of its own finds its own migrations.</summary>
    protected AppDb(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();

    public DbSet<Highlight> Highlights => Set<Highlight>();

    public DbSet<HighlightTag> HighlightTags => Set<HighlightTag>();

    public DbSet<ReaderTag> ReaderTags => Set<ReaderTag>();

    public DbSet<RevisionNotice> RevisionNotices => Set<RevisionNotice>();

    public DbSet<ArticleNote> ArticleNotes => Set<ArticleNote>();

    public DbSet<ColorLabel> ColorLabels => Set<ColorLabel>();

    public DbSet<Library.ReadingState> ReadingStates => Set<Library.ReadingState>();

    public DbSet<Library.ArticleTag> ArticleTags => Set<Library.ArticleTag>();

    public DbSet<Accounts.UserSession> UserSessions => Set<Accounts.UserSession>();

    public DbSet<Accounts.ServerSecret> ServerSecrets => Set<Accounts.ServerSecret>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
        ReaderArticleRows.BelongToReaderAndArticle(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite keeps DateTime as text without a kind; everything here is UTC.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

/// <summary>
/// For <c>dotnet ef … --context AppDb</c> (SQLite's migrations, Schema.sql, the compiled model):
/// without a factory of its own, the tools took <see cref="PostgresAppDbDesignTime"/>'s context,
/// an <see cref="AppDb"/> too, and wrote PostgreSQL.
/// </summary>
internal sealed class AppDbDesignTime : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<AppDb>
{
    public AppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDb>().UseSqlite("Data Source=newsreader-design.db").Options);
}
