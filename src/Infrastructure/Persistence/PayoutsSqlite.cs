using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;

namespace Payouts.Infrastructure.Persistence;

/// <summary>How every <see cref="PayoutsDbContext"/> is configured, at run time and for <c>dotnet ef</c> alike.</summary>
internal static class PayoutsSqlite
{
    public static DbContextOptionsBuilder UsePayoutsSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).ReplaceService<IProviderConventionSetBuilder, ConventionsWithoutForeignKeyIndexes>();

    /// <summary>
    /// EF indexes every foreign key column. SQLite needs that index only to delete or re-key a parent row,
    /// which never happens here (balance accounts are never deleted), and every index is one more B-tree page
    /// each insert dirties, written to the WAL and checkpointed. An index a query needs is declared in the
    /// entity's configuration instead. (EF Core 6 has no Conventions.Remove; replacing the builder is its way.)
    /// </summary>
    private sealed class ConventionsWithoutForeignKeyIndexes(
        ProviderConventionSetBuilderDependencies dependencies, RelationalConventionSetBuilderDependencies relationalDependencies)
        : SqliteConventionSetBuilder(dependencies, relationalDependencies)
    {
        public override ConventionSet CreateConventionSet()
        {
            var set = base.CreateConventionSet();
            var convention = typeof(ForeignKeyIndexConvention);

            // Every list ForeignKeyIndexConvention takes part in (one per interface it implements).
            ConventionSet.Remove(set.EntityTypeBaseTypeChangedConventions, convention);
            ConventionSet.Remove(set.ForeignKeyAddedConventions, convention);
            ConventionSet.Remove(set.ForeignKeyRemovedConventions, convention);
            ConventionSet.Remove(set.ForeignKeyPropertiesChangedConventions, convention);
            ConventionSet.Remove(set.ForeignKeyUniquenessChangedConventions, convention);
            ConventionSet.Remove(set.IndexAddedConventions, convention);
            ConventionSet.Remove(set.IndexRemovedConventions, convention);
            ConventionSet.Remove(set.IndexUniquenessChangedConventions, convention);
            ConventionSet.Remove(set.KeyAddedConventions, convention);
            ConventionSet.Remove(set.KeyRemovedConventions, convention);
            ConventionSet.Remove(set.ModelFinalizingConventions, convention);
            return set;
        }
    }
}
