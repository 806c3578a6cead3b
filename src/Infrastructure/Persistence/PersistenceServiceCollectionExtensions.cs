using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payouts.Application.Balances;
using Payouts.Application.CashoutMethods;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Webhooks;
using Payouts.Application.Cashouts;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Persistence;
using Payouts.Infrastructure.Persistence.Reads;
using Payouts.Infrastructure.Persistence.Retention;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>SQLite (WAL) with EF Core for the schema and reads, and the group-commit writer for writes.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Database:Path is required.")
            .Validate(o => DatabaseOptions.SynchronousModes.Contains(o.Synchronous, StringComparer.OrdinalIgnoreCase), "Database:Synchronous must be OFF, NORMAL, FULL or EXTRA.")
            .Validate(o => o.MaxUnitsPerCommit >= 1, "Database:MaxUnitsPerCommit must be at least 1.")
            .Validate(o => o.BusyTimeoutMilliseconds >= 0, "Database:BusyTimeoutMilliseconds must not be negative.")
            .Validate(o => o.CacheMebibytes >= 1, "Database:CacheMebibytes must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<SqliteConnections>();
        services.AddSingleton<DatabaseOwner>();
        // Pooled: the context and its options are built once, not for every request scope.
        services.AddDbContextPool<PayoutsDbContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<SqliteConnections>().ConnectionString)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddScoped<IBalanceReader, BalanceReader>();
        services.AddScoped<ICashoutReader, CashoutReader>();
        services.AddScoped<ICashoutMethodReader, CashoutMethodReader>();
        services.AddScoped<IPayoutReader, PayoutReader>();
        services.AddScoped<MerchantTokenReader>();
        services.AddScoped<IMerchantTokenReader>(sp => sp.GetRequiredService<MerchantTokenReader>());
        services.AddScoped<IMerchantSigningKeys>(sp => sp.GetRequiredService<MerchantTokenReader>());
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.SectionName))
            .Validate(o => o.RetentionDays >= 1, "Idempotency:RetentionDays must be at least 1: a retry must find the key it was sent with.")
            .Validate(o => o.SweepIntervalMinutes >= 1, "Idempotency:SweepIntervalMinutes must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<IdempotencyRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyRetention>());
        services.AddSingleton<TimeOrderedIds>();
        services.AddSingleton<IIdGenerator>(sp => sp.GetRequiredService<TimeOrderedIds>());
        return services;
    }
}
