using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Payouts.Application.Cashouts;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Application.Tests.Infrastructure;

/// <summary>
/// The application and persistence as the service composes them, on a fresh SQLite file (WAL,
/// synchronous FULL) migrated like production. Each call runs in its own scope, like a request.
/// </summary>
public sealed class UseCaseHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"payouts-app-tests-{Guid.NewGuid():N}");

    public UseCaseHarness(CashoutPolicy? policy = null)
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Path"] = Path.Combine(_folder, "payouts.db") })
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = _folder, EnvironmentName = "Test" });
        services.AddApplication(policy ?? new CashoutPolicy());
        services.AddPersistence(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _services.MigrateDatabase();
    }

    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(_folder, "payouts.db");

    /// <summary>Runs one retention sweep now, as the hourly background service would.</summary>
    public int SweepIdempotencyKeys() =>
        _services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Payouts.Infrastructure.Persistence.Retention.IdempotencyRetention>().Single().Sweep();

    /// <summary>A singleton of the composition, for tests that must set up state a request cannot.</summary>
    public T Service<T>()
        where T : notnull => _services.GetRequiredService<T>();

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
    public async Task LinkAsync(string ownerId, string provider, string status = CashoutMethodLink.Linked)
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(session =>
        {
            session.SaveCashoutMethod(new CashoutMethodLink(ownerId, provider, status, "test-link", Clock.GetUtcNow()));
            return Result<bool>.Success(true);
        }, CancellationToken.None);
        result.IsSuccess.Should().BeTrue();
    }

    /// <summary>A plain connection for assertions on what is really on disk.</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
