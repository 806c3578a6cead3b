using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payouts.Infrastructure.Persistence.Migrations
{
    public partial class PayoutDispatches : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PayoutDispatches",
                columns: table => new
                {
                    PayoutId = table.Column<long>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAtMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutDispatches", x => x.PayoutId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CashoutMethods_Provider_Reference",
                table: "CashoutMethods",
                columns: new[] { "Provider", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_PayoutDispatches_NextAttemptAtMs",
                table: "PayoutDispatches",
                column: "NextAttemptAtMs",
                filter: "NextAttemptAtMs IS NOT NULL");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayoutDispatches");

            migrationBuilder.DropIndex(
                name: "IX_CashoutMethods_Provider_Reference",
                table: "CashoutMethods");
        }
    }
}
