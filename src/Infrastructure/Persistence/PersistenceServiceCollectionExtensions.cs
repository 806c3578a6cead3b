using System.Data.Common;
using Microsoft.Data.Sqlite;
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
using Payouts.Infrastructure.Persistence.PostgreSql;
using Payouts.Infrastructure.Persistence.Reads;
using Payouts.Infrastructure.Persistence.Retention;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// The database Database:Provider names, with its write path, the unit of work, idempotency claims and store: SQLite
    /// (WAL, the group-commit writer, claims in memory: one process owns the file) or PostgreSQL (writer threads, claims
    /// in the database: any number of replicas on one database).
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDatabase(configuration);
        if (DatabaseOptions.PostgreSqlIn(configuration))
        {
            services.AddSingleton<PostgreSqlWriter>();
            services.AddSingleton<IWriter>(sp => sp.GetRequiredService<PostgreSqlWriter>());
            services.AddSingleton<ClaimBatches>();
            services.AddSingleton<IdempotencyClaims>();
            services.AddSingleton<IIdempotencyClaims>(sp => sp.GetRequiredService<IdempotencyClaims>());
        }
        else
        {
            services.AddSingleton<DatabaseOwner>();
            services.AddSingleton<GroupCommitWriter>();
            services.AddSingleton<IWriter>(sp => sp.GetRequiredService<GroupCommitWriter>());
            services.AddSingleton<InFlightKeys>();
            services.AddSingleton<IIdempotencyClaims>(sp => sp.GetRequiredService<InFlightKeys>());
            services.AddSingleton<TimeOrderedIds>();
        }

        services.AddSingleton<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.SectionName))
            .Validate(o => o.RetentionDays >= 1, "Idempotency:RetentionDays must be at least 1: a retry must find the key it was sent with.")
            .Validate(o => o.SweepIntervalMinutes >= 1, "Idempotency:SweepIntervalMinutes must be at least 1.")
            .Validate(o => o.ClaimTimeoutSeconds >= 1, "Idempotency:ClaimTimeoutSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<IdempotencyRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyRetention>());
        return services;
    }

    /// <summary>
    /// The database the configuration names (Database:Provider), its EF model, migrations and readers, and what the
    /// health check opens: everything of persistence that does not write (AddPersistence adds the rest).
    /// </summary>
    internal static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WriterStatus>();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .Validate(o => o.IsSqlite || o.IsPostgreSql, "Database:Provider must be Sqlite or PostgreSQL.")
            .Validate(o => !o.IsPostgreSql || PostgreSqlDatabase.IsValid(o.ConnectionString),
                "ConnectionStrings:Payouts must be a PostgreSQL connection string (Host=...;Database=...) when Database:Provider is PostgreSQL.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Database:Path is required.")
            .Validate(o => DatabaseOptions.SynchronousModes.Contains(o.Synchronous, StringComparer.OrdinalIgnoreCase), "Database:Synchronous must be OFF, NORMAL, FULL or EXTRA.")
            .Validate(o => o.MaxUnitsPerCommit >= 1, "Database:MaxUnitsPerCommit must be at least 1.")
            .Validate(o => o.BusyTimeoutMilliseconds >= 0, "Database:BusyTimeoutMilliseconds must not be negative.")
            .Validate(o => o.CacheMebibytes >= 1, "Database:CacheMebibytes must be at least 1.")
            .Validate(o => o.PostgreSqlWriters >= 1, "Database:PostgreSqlWriters must be at least 1.")
            .Validate(o => o.PostgreSqlUnitsPerCommit is >= 1 and <= DatabaseOptions.MaxPostgreSqlUnitsPerCommit,
                $"Database:PostgreSqlUnitsPerCommit must be between 1 and {DatabaseOptions.MaxPostgreSqlUnitsPerCommit}.")
            .ValidateOnStart();
        if (DatabaseOptions.PostgreSqlIn(configuration))
        {
            services.AddPostgreSqlDatabase();
        }
        else
        {
            services.AddSingleton<SqliteConnections>();
            services.AddSingleton<OpenConnection>(sp => sp.GetRequiredService<SqliteConnections>().Open);
            services.AddSingleton<DbDataSource>(sp => SqliteFactory.Instance.CreateDataSource(sp.GetRequiredService<SqliteConnections>().ConnectionString));
            // Pooled: the context and its options are built once, not for every request scope.
            services.AddDbContextPool<PayoutsDbContext>((sp, options) =>
                options.UseSqlite(sp.GetRequiredService<SqliteConnections>().ConnectionString)
                    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
        }

        services.AddScoped<IBalanceReader, BalanceReader>();
        services.AddScoped<ICashoutReader, CashoutReader>();
        services.AddScoped<ICashoutMethodReader, CashoutMethodReader>();
        services.AddScoped<IPayoutReader, PayoutReader>();
        services.AddScoped<MerchantTokenReader>();
        services.AddScoped<IMerchantTokenReader>(sp => sp.GetRequiredService<MerchantTokenReader>());
        services.AddScoped<IMerchantSigningKeys>(sp => sp.GetRequiredService<MerchantTokenReader>());
        return services;
    }
}

/// <summary>Opens a connection to the database, for the few reads done without EF (the health check's).</summary>
internal delegate System.Data.Common.DbConnection OpenConnection();
