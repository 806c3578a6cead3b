using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Payouts.Application.CashoutMethods;
using Payouts.Application.Cashouts;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Dispatch;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Dispatch;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Application.Tests.Infrastructure;

/// <summary>
/// The application and persistence as the service composes them, on a new database of
/// <see cref="ProviderDatabase.Default"/>'s provider (a SQLite file, WAL, synchronous FULL, or a database of its own on
/// the private PostgreSQL cluster) migrated like production, or on a <see cref="ProviderDatabase"/> of either provider
/// (two harnesses on one PostgreSQL database are two replicas). Each call runs in its own scope, like a request.
/// </summary>
public sealed class UseCaseHarness : IAsyncDisposable
{
    private readonly CashoutPolicy? _policy;
    private readonly Action<IServiceCollection>? _configure;
    private readonly ProviderDatabase? _database;
    private readonly bool _ownsDatabase;
    private ServiceProvider _services;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"payouts-app-tests-{Guid.NewGuid():N}");

    /// <param name="configure">Extra services, e.g. a scripted payout provider for the dispatcher.</param>
    /// <param name="databaseFile">A SQLite database to start from (copied, never changed), instead of a new database.</param>
    /// <param name="database">The database to run on; the harness does not dispose it.</param>
    /// <param name="provider">The provider of the new database, for a test that holds on one only; null for the default.</param>
    public UseCaseHarness(
        CashoutPolicy? policy = null, Action<IServiceCollection>? configure = null, string? databaseFile = null, ProviderDatabase? database = null, string? provider = null)
    {
        _policy = policy;
        _configure = configure;
        Directory.CreateDirectory(_folder);
        if (databaseFile is not null)
        {
            File.Copy(databaseFile, DatabasePath);
        }
        else if (database is null && (provider ?? ProviderDatabase.Default) == DatabaseOptions.PostgreSql)
        {
            database = new ProviderDatabase(DatabaseOptions.PostgreSql);
            _ownsDatabase = true;
        }

        _database = database;
        _services = Build(validate: true);
    }

    /// <summary>A harness on a new database of <paramref name="provider"/>, deleted with the harness.</summary>
    public static UseCaseHarness OnNew(string provider) => new(provider: provider);

    /// <summary>Stops the composition and builds a new one on the same database file, as a process restart would.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();

        // The same composition the constructor validated: checking every service again cost a restart a quarter of its time.
        _services = Build(validate: false);
    }

    /// <summary>
    /// Disposes the composition and closes its pooled SQLite connections, as the end of a process would. Only this
    /// file's pool: clearing every pool made harnesses running beside this one (the simulation's seeds) reopen theirs.
    /// </summary>
    private async Task StopAsync()
    {
        var sqlite = _services.GetService<SqliteConnections>()?.ConnectionString;
        await _services.DisposeAsync();
        if (sqlite is not null)
        {
            using var pooled = new SqliteConnection(sqlite);
            SqliteConnection.ClearPool(pooled);
        }
    }

    // Rarely (1 in a few thousand harnesses) a file appeared in the folder while it was deleted ("Directory not empty"): a
    // SQLite connection still closing, a -wal or -shm file written as it did. Deleting again a moment later finds it gone.
    private static async Task DeleteFolderAsync(string folder)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200);
            }
        }
    }

    private ServiceProvider Build(bool validate)
    {
        var settings = _database?.Settings() ?? new Dictionary<string, string?> { ["Database:Path"] = DatabasePath };
        settings["Dispatch:Enabled"] = "false";
        settings["Links:StateKey"] = Convert.ToBase64String(new byte[32]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = _folder, EnvironmentName = "Test" });
        services.AddApplication(configuration);
        if (_policy is not null)
        {
            services.AddSingleton(_policy);
        }

        services.AddPersistence(configuration);
        services.AddDispatch(configuration);
        services.AddSingleton(new DispatchPolicy { PollInterval = TimeSpan.FromSeconds(30), InFlightLease = TimeSpan.FromMinutes(2) });
        services.AddSingleton<DispatchWorker>();
        _configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = validate });
        provider.MigrateDatabase();
        return provider;
    }

    /// <summary>One dispatcher pass at the fake clock's time: new payouts taken from the outbox, every due step run.</summary>
    public Task<int> PumpDispatchAsync() => Service<DispatchWorker>().PumpOnceAsync(CancellationToken.None);

    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The SQLite file of a harness on a file of its own (not one on a <see cref="ProviderDatabase"/>).</summary>
    public string DatabasePath => Path.Combine(_folder, "payouts.db");

    /// <summary>Runs one retention sweep now, as the hourly background service would.</summary>
    public int SweepIdempotencyKeys() =>
        _services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<global::Payouts.Infrastructure.Persistence.Retention.IdempotencyRetention>().Single().Sweep();

    /// <summary>A singleton of the composition, for tests that must set up state a request cannot.</summary>
    public T Service<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Runs <paramref name="action"/> with one request scope's services, for what no use case reads or writes.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task<Result<T>> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUseCases>().SendAsync(command, CancellationToken.None);
    }

    public async Task<Result<T>> AskAsync<T>(IQuery<T> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IUseCases>().AskAsync(query, CancellationToken.None);
    }

    /// <summary>The usual starting point: a user with <paramref name="amount"/> USD minor units and a linked PayPal method.</summary>
    public async Task FundAndLinkAsync(string user, long amount)
    {
        (await SendAsync(Commands.Credit(user, amount))).IsSuccess.Should().BeTrue();
        await LinkAsync(user, "paypal");
    }

    /// <summary>Links a cashout method the way LinkService will once it exists (issue 4).</summary>
    public async Task LinkAsync(string ownerId, string provider, LinkStatus status = LinkStatus.Linked)
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(session =>
        {
            session.CashoutMethods.Save(new CashoutMethodLink(ownerId, ProviderNames.Parse(provider), status, "test-link", Clock.GetUtcNow()));
            return Result<bool>.Success(true);
        }, CancellationToken.None);
        result.IsSuccess.Should().BeTrue();
    }

    /// <summary>The record an idempotency key left, read through the store the idempotency behaviour reads.</summary>
    public Task<IdempotencyRecord?> IdempotencyRecordAsync(string callerId, string key) =>
        InScopeAsync(services => services.GetRequiredService<IIdempotencyStore>().FindAsync(callerId, key, CancellationToken.None));

    /// <summary>What is on disk that no use case answers (the outbox, ledger entries, webhook deliveries).</summary>
    public Stored Stored => new(_services);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await DeleteFolderAsync(_folder);
        if (_ownsDatabase)
        {
            await _database!.DisposeAsync();
        }
    }
}
