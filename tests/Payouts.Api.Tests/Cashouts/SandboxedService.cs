using Payouts.Api.Services;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;
using Payouts.Sandboxes.Common;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>The service as a process dispatching to the standalone sandboxes, as the crash and replica tests run it.</summary>
internal static class SandboxedService
{
    public static readonly string EarningsService = TestTokens.For("svc-earnings", CashoutGrpcService.BalancesWriteScope);

    /// <summary>The service without its in-process sandboxes, dispatching to the standalone ones at <paramref name="sandbox"/> and polling them often.</summary>
    public static string[] Settings(Uri sandbox)
    {
        var defaults = new SandboxSettings();
        string Base(string provider) => new Uri(sandbox, provider + "/").ToString();
        return [
            "--hostingStartupExcludeAssemblies=Payouts.Sandboxes",
            "--Dispatch:Enabled=true",
            "--Dispatch:PollInterval=00:00:00.200",
            "--Dispatch:BaseBackoff=00:00:00.100",
            "--Dispatch:IdleDelay=00:00:00.050",
            "--Dispatch:MaxPollInterval=00:00:01",
            "--Dispatch:MaxBackoff=00:00:01",
            // A paid payout is watched for a return: often here, since the return comes two sandbox steps after the payment.
            "--Dispatch:WatchInterval=00:00:00.500",
            $"--Providers:PayPal:BaseUrl={Base("paypal")}",
            $"--Providers:PayPal:ClientId={defaults.PayPal.ClientId}",
            $"--Providers:PayPal:ClientSecret={defaults.PayPal.ClientSecret}",
            $"--Providers:PayPal:WebhookId={defaults.PayPal.WebhookId}",
            $"--Providers:Payoneer:BaseUrl={Base("payoneer")}",
            "--Providers:Payoneer:OAuthTokenUrl=oauth2/token",
            $"--Providers:Payoneer:ProgramId={defaults.Payoneer.ProgramId}",
            $"--Providers:Payoneer:ClientId={defaults.Payoneer.ClientId}",
            $"--Providers:Payoneer:ClientSecret={defaults.Payoneer.ClientSecret}",
            $"--Providers:Payoneer:IpcnSecret={defaults.Payoneer.IpcnSecret}",
            $"--Providers:Tipalti:BaseUrl={Base("tipalti")}",
            "--Providers:Tipalti:IpnVerifyUrl=notif/ipn.aspx",
            $"--Providers:Tipalti:PayerName={defaults.Tipalti.PayerName}",
            $"--Providers:Tipalti:MasterKey={defaults.Tipalti.MasterKey}",
            $"--Providers:Tupay:BaseUrl={Base("tupay")}",
            $"--Providers:Tupay:Login={defaults.Tupay.Login}",
            $"--Providers:Tupay:Pass={defaults.Tupay.Pass}",
            $"--Providers:Tupay:ApiSignature={defaults.Tupay.ApiSignature}",
            "--Providers:Tupay:RequireHttpsNotificationUrl=false",
        ];
    }

    /// <summary>Funded by the earnings service and linked to Tipalti (a payee created at once), as callers do.</summary>
    public static async Task FundAndLinkAsync(GrpcCall grpc, string user, long funds, string firstName, string lastName, string reference)
    {
        var credit = await grpc.UnaryAsync<CreditBalanceResponse>(CashoutHost.CreditBalance,
            new CreditBalanceRequest { UserId = user, Amount = funds, Currency = "USD", Reference = reference }, EarningsService);
        credit.Status.Should().Be(0, credit.Message);
        var link = await grpc.UnaryAsync<LinkCashoutMethodResponse>("/payouts.v1.LinkService/LinkCashoutMethod", new LinkCashoutMethodRequest
        {
            Provider = "tipalti",
            FirstName = firstName,
            LastName = lastName,
            Email = $"{user}@example.com",
            Address = new Address { Line1 = "1 Main St", City = "Springfield", State = "IL", PostalCode = "62701", Country = "US" },
        }, TestTokens.For(user));
        link.Status.Should().Be(0, link.Message);
    }

    /// <summary>The sandbox's outcome for an amount's ending: ..13 rejected and ..66 failed, ..77 paid then returned, else paid.</summary>
    public static string Expected(long amount) => (amount % 100) switch
    {
        13 or 66 => "failed",
        77 => "returned",
        _ => "completed",
    };
}
