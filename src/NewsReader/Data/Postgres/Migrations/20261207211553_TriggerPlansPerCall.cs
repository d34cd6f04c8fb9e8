using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsReader.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TriggerPlansPerCall : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(NewsReader.Search.PostgresSearchIndex.PlansPerCall);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(NewsReader.Search.PostgresSearchIndex.PlansCached);
        }
    }
}
