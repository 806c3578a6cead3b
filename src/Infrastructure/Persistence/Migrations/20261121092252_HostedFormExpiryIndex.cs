using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payouts.Infrastructure.Persistence.Migrations
{
    public partial class HostedFormExpiryIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WebhookSequence",
                table: "MerchantPayouts");

            migrationBuilder.CreateIndex(
                name: "IX_MerchantPayouts_FormExpiresAtMs",
                table: "MerchantPayouts",
                column: "FormExpiresAtMs",
                filter: "FormUsedAtMs IS NULL");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MerchantPayouts_FormExpiresAtMs",
                table: "MerchantPayouts");

            migrationBuilder.AddColumn<long>(
                name: "WebhookSequence",
                table: "MerchantPayouts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }
    }
}
