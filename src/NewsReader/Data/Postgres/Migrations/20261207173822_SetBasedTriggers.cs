using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsReader.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SetBasedTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(NewsReader.Annotations.ReaderTagCounts.PostgresSetBased);
            migrationBuilder.Sql(NewsReader.Search.PostgresSearchIndex.SetBasedTriggers);
            migrationBuilder.Sql(NewsReader.Annotations.HighlightWriter.PostgresDeferrableTags);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(NewsReader.Annotations.HighlightWriter.PostgresImmediateTags);
            migrationBuilder.Sql(NewsReader.Search.PostgresSearchIndex.RowTriggers);
            migrationBuilder.Sql(NewsReader.Annotations.ReaderTagCounts.PostgresRowLevel);
        }
    }
}
