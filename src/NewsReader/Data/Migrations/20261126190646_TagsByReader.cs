using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsReader.Data.Migrations
{
    /// <inheritdoc />
    public partial class TagsByReader : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "HighlightTags",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Existing tags take their highlight's reader.
            migrationBuilder.Sql(
                "UPDATE \"HighlightTags\" SET \"UserId\" = (SELECT \"h\".\"UserId\" FROM \"Highlights\" AS \"h\" WHERE \"h\".\"Id\" = \"HighlightTags\".\"HighlightId\");");

            migrationBuilder.CreateIndex(
                name: "IX_HighlightTags_UserId_Name",
                table: "HighlightTags",
                columns: new[] { "UserId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HighlightTags_UserId_Name",
                table: "HighlightTags");

            migrationBuilder.DropColumn(
                name: "UserId",
                table: "HighlightTags");
        }
    }
}
