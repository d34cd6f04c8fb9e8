using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsReader.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ChangeCounterTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(NewsReader.Data.ChangeCounters.PostgresUp());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(NewsReader.Data.ChangeCounters.PostgresDown());
        }
    }
}
