using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payouts.Infrastructure.Persistence.Migrations
{
    public partial class LinkNonceAndDispatchRecipient : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Recipient",
                table: "PayoutDispatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkNonce",
                table: "CashoutMethods",
                type: "TEXT",
                nullable: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Recipient",
                table: "PayoutDispatches");

            migrationBuilder.DropColumn(
                name: "LinkNonce",
                table: "CashoutMethods");
        }
    }
}
