using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payouts.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MerchantPayoutContentHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "MerchantPayouts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_MerchantPayouts_MerchantId_ContentHash",
                table: "MerchantPayouts",
                columns: new[] { "MerchantId", "ContentHash" },
                filter: "ContentHash IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MerchantPayouts_MerchantId_ContentHash",
                table: "MerchantPayouts");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "MerchantPayouts");
        }
    }
}
