using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// The same model on PostgreSQL. A context type of its own, as EF Core's "migrations with multiple providers" does it:
/// its migrations (Migrations/ beside it) are found by this type, so the two sets never mix, and the SQLite compiled
/// model (registered for PayoutsDbContext alone) does not apply. Add a migration with <c>dotnet tool restore</c> then
/// <c>dotnet dotnet-ef migrations add Name --project src/Infrastructure --context PostgreSqlPayoutsDbContext
/// --output-dir Persistence/PostgreSql/Migrations</c>, beside every SQLite one.
/// </summary>
internal sealed partial class PostgreSqlPayoutsDbContext(DbContextOptions<PostgreSqlPayoutsDbContext> options) : PayoutsDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        QuoteFilterColumns(modelBuilder.Model);
    }

    /// <summary>
    /// The index filters are SQLite's SQL with bare column names ("ExternalId IS NOT NULL"). PostgreSQL folds a bare
    /// name to lower case, and the columns are quoted mixed-case names, so here each column in a filter is quoted.
    /// </summary>
    private static void QuoteFilterColumns(IMutableModel model)
    {
        foreach (var index in model.GetEntityTypes().SelectMany(entity => entity.GetIndexes()))
        {
            if (index.GetFilter() is { } filter)
            {
                index.SetFilter(Word().Replace(filter, word =>
                    index.DeclaringEntityType.FindProperty(word.Value) is null ? word.Value : $"\"{word.Value}\""));
            }
        }
    }

    [GeneratedRegex(@"\b\w+\b")]
    private static partial Regex Word();
}
