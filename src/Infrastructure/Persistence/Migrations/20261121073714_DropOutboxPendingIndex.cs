using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payouts.Infrastructure.Persistence.Migrations
{
    public partial class DropOutboxPendingIndex : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_Pending",
                table: "OutboxMessages");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Pending",
                table: "OutboxMessages",
                column: "Id",
                filter: "\"ProcessedAtMs\" IS NULL");
        }
    }
}
