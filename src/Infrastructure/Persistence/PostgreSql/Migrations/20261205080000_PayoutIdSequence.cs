using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payouts.Infrastructure.Persistence.PostgreSql.Migrations
{
    /// <summary>
    /// The sequence payout ids are drawn from on PostgreSQL (PostgreSqlWriter). It is not part of the EF model, which
    /// both providers share, so the model and its snapshot are unchanged.
    /// </summary>
    [DbContext(typeof(PostgreSqlPayoutsDbContext))]
    [Migration("20261205080000_PayoutIdSequence")]
    public partial class PayoutIdSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE SEQUENCE payout_ids AS bigint START WITH 1 CACHE 1;");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP SEQUENCE payout_ids;");
    }
}
