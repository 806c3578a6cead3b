using Microsoft.Extensions.Options;
using Payouts.Api.Tests.Cashouts;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Hosting;

/// <summary>
/// A bad value of a setting that matters stops start-up with the setting's name, before anything is served or the
/// database is touched, instead of failing at the first call that reads it.
/// </summary>
public class StartupSettingsTests
{
    [Theory]
    [InlineData("--Links:StateKey=", "Links:StateKey must be a base64 key of at least 32 bytes*")]
    [InlineData("--Links:StateKey=c2hvcnQ=", "Links:StateKey must be a base64 key of at least 32 bytes*")]
    [InlineData("--Links:StateKey=not base64!", "Links:StateKey must be a base64 key of at least 32 bytes*")]
    [InlineData("--Links:CallbackBaseUrl=/cashout/link/callback/", "Links:CallbackBaseUrl must be an absolute http or https URL*")]
    [InlineData("--Dispatch:PollInterval=-00:00:05", "Dispatch:PollInterval must be positive; it is -00:00:05.")]
    [InlineData("--Dispatch:Concurrency=0", "Dispatch:Concurrency must be at least 1.")]
    [InlineData("--Links:StateLifetime=00:00:00", "Links:StateLifetime must be positive; it is 00:00:00.")]
    [InlineData("--Providers:PayPal:AttemptTimeout=-00:00:01", "Providers:PayPal:AttemptTimeout must be positive; it is -00:00:01.")]
    [InlineData("--Payouts:PublicBaseUrl=payouts.example.com", "Payouts:PublicBaseUrl must be an absolute http or https URL ending in '/'*")]
    [InlineData("--Payouts:PublicBaseUrl=https://payouts.example.com/pay", "Payouts:PublicBaseUrl must be an absolute http or https URL ending in '/'*")]
    [InlineData("--Payouts:ContentReplayWindow=-01:00:00", "Payouts:ContentReplayWindow must not be negative; it is -01:00:00.")]
    [InlineData("--Cashouts:DefaultCurrency=usd", "Cashouts:DefaultCurrency must be an active ISO 4217 code*")]
    [InlineData("--Cashouts:Providers:paypal:Minimum=0", "Cashouts:Providers:<provider>: Minimum must be at least 1*")]
    [InlineData("--Cashouts:Providers:paypall:Minimum=500", "Cashouts:Providers: each key must be a provider's name (paypal, payoneer, tipalti, tupay).")]
    [InlineData("--Payouts:ProviderCurrencies:PayPal=EUR", "Payouts:ProviderCurrencies: each key must be a provider's name (paypal, payoneer, tipalti, tupay).")]
    [InlineData("--Database:Synchronous=SOMETIMES", "Database:Synchronous must be OFF, NORMAL, FULL or EXTRA.")]
    [InlineData("--Database:Provider=Postgres", "Database:Provider must be Sqlite or PostgreSQL.")]
    [InlineData("--Database:PostgreSqlUnitsPerCommit=1001", "Database:PostgreSqlUnitsPerCommit must be between 1 and 1000.")]
    [InlineData("--Idempotency:RetentionDays=0", "Idempotency:RetentionDays must be at least 1*")]
    [InlineData("--Webhooks:MaxAge=00:00:00", "Webhooks:MaxAge must be positive; it is 00:00:00.")]
    [InlineData("--Webhooks:InFlightLease=00:00:10", "Webhooks:InFlightLease must be longer than Webhooks:Timeout*")]
    [InlineData("--Providers:Tipalti:BaseUrl=tipalti/", "Providers:Tipalti:BaseUrl must be an absolute http or https URL*")]
    [InlineData("--Auth:ClockSkewSeconds=301", "Auth:ClockSkewSeconds must be between 0 and 300.")]
    [InlineData("--Auth:Issuer=", "Auth:Issuer is required*")]
    [InlineData("--Grpc:ResponseCompressionAlgorithm=br", "Grpc:ResponseCompressionAlgorithm must be gzip, deflate or null.")]
    [InlineData("--RateLimits:Families:cashouts:PermitsPerSecond=-1", "RateLimits:Families:<family>: PermitsPerSecond and Burst must not be negative.")]
    [InlineData("--Shutdown:DrainDelay=-00:00:01", "Shutdown:DrainDelay must not be negative; it is -00:00:01.")]
    public void A_bad_setting_stops_start_up_naming_it(string setting, string message)
    {
        var database = TestDatabase.NewPath();

        var build = () => PayoutsHost.Build(TestHosts.Arguments($"--Database:Path={database}", setting));

        build.Should().Throw<OptionsValidationException>().WithMessage(message);
        File.Exists(database).Should().BeFalse("settings are checked before the database is migrated");
    }

    [Fact]
    public async Task A_PostgreSQL_that_cannot_be_reached_stops_start_up_saying_which_and_why()
    {
        var database = TestDatabase.NewPath();
        var nobody = FreePorts.Next();

        var service = await ServiceProcess.RunUntilExitAsync(database, TimeSpan.FromSeconds(60),
            "--Database:Provider=PostgreSQL", $"--ConnectionStrings:Payouts=Host=127.0.0.1;Port={nobody};Database=payouts;Username=svc;Password=s3cret-pw");

        service.ExitCode.Should().Be(1, service.ToString());
        service.StandardError.Should().Contain($"payouts: PostgreSQL at 127.0.0.1:{nobody}, database \"payouts\" as user \"svc\", cannot be used")
            .And.Contain("Check ConnectionStrings:Payouts");
        service.StandardError.Should().NotContain("s3cret-pw").And.NotContain("   at ", "an unreachable database is the operator's to fix, not a crash");
        File.Exists(database).Should().BeFalse("SQLite's file is not made instead");
    }

    [Theory]
    [InlineData("--Auth:Keys:0:KeyId=", "payouts: Auth:Keys:0:KeyId is required")]
    [InlineData("--Database:Provider=PostgreSQL", "payouts: ConnectionStrings:Payouts must be a PostgreSQL connection string (Host=...;Database=...)")]
    public async Task A_bad_setting_stops_the_process_in_one_line_naming_it(string setting, string line)
    {
        var database = TestDatabase.NewPath();

        var service = await ServiceProcess.RunUntilExitAsync(database, TimeSpan.FromSeconds(60), setting);

        service.ExitCode.Should().Be(1, service.ToString());
        service.StandardError.Should().Contain(line);
        service.StandardError.Should().NotContain("   at ", "a setting is the operator's to fix, not a crash");
        File.Exists(database).Should().BeFalse();
    }

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var build = () => PayoutsHost.Build(TestHosts.Arguments("--Links:StateKey=", "--Dispatch:PollInterval=-00:00:05"));

        build.Should().Throw<AggregateException>()
            .Which.InnerExceptions.Select(e => e.Message).Should().BeEquivalentTo(
                "Links:StateKey must be a base64 key of at least 32 bytes: it signs link states and hosted-form links; the service refuses to start without it.",
                "Dispatch:PollInterval must be positive; it is -00:00:05.");
    }
}
