using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payouts.Infrastructure.Persistence.Migrations
{
    public partial class MerchantPayoutsTokensWebhooks : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MerchantPayouts",
                columns: table => new
                {
                    PayoutId = table.Column<long>(type: "INTEGER", nullable: false),
                    MerchantId = table.Column<string>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    MetadataJson = table.Column<string>(type: "TEXT", nullable: true),
                    RedirectUrl = table.Column<string>(type: "TEXT", nullable: true),
                    WebhookUrl = table.Column<string>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<string>(type: "TEXT", nullable: true),
                    CustomerName = table.Column<string>(type: "TEXT", nullable: true),
                    RefId = table.Column<string>(type: "TEXT", nullable: true),
                    OnBehalfOfId = table.Column<string>(type: "TEXT", nullable: true),
                    DestinationJson = table.Column<string>(type: "TEXT", nullable: true),
                    FormExpiresAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    FormUsedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    WebhookSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MerchantPayouts", x => x.PayoutId);
                });

            migrationBuilder.CreateTable(
                name: "MerchantTokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    MerchantId = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", nullable: false),
                    Permissions = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MerchantTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeliveryId = table.Column<long>(type: "INTEGER", nullable: false),
                    AttemptedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MerchantId = table.Column<string>(type: "TEXT", nullable: false),
                    PayoutId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveredAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MerchantPayouts_MerchantId_ExternalId",
                table: "MerchantPayouts",
                columns: new[] { "MerchantId", "ExternalId" },
                unique: true,
                filter: "ExternalId IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MerchantPayouts_MerchantId_RefId",
                table: "MerchantPayouts",
                columns: new[] { "MerchantId", "RefId" },
                filter: "RefId IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MerchantTokens_MerchantId",
                table: "MerchantTokens",
                column: "MerchantId");

            migrationBuilder.CreateIndex(
                name: "IX_MerchantTokens_TokenHash",
                table: "MerchantTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookAttempts_DeliveryId",
                table: "WebhookAttempts",
                column: "DeliveryId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_NextAttemptAtMs",
                table: "WebhookDeliveries",
                column: "NextAttemptAtMs",
                filter: "NextAttemptAtMs IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_PayoutId_Sequence",
                table: "WebhookDeliveries",
                columns: new[] { "PayoutId", "Sequence" },
                unique: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MerchantPayouts");

            migrationBuilder.DropTable(
                name: "MerchantTokens");

            migrationBuilder.DropTable(
                name: "WebhookAttempts");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");
        }
    }
}
