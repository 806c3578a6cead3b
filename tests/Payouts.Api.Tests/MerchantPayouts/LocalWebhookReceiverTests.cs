using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Api.Tests.Providers;
using Payouts.Application.Webhooks;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.MerchantPayouts;

/// <summary>
/// README's first hour receives webhooks with scripts/webhook-receiver.py on plain http to localhost, which Development
/// allows (Payouts:AllowHttpLoopbackUrls). Real deliveries from the sender must verify there with the merchant's token,
/// and not with another token.
/// </summary>
public sealed class LocalWebhookReceiverTests : IAsyncLifetime
{
    private ProvidersHost _host = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        _host = await ProvidersHost.StartAsync(service:
        [
            "--Payouts:AllowHttpLoopbackUrls=true",
            "--Webhooks:AllowPrivateNetworks=true",
            "--Webhooks:IdleDelay=00:00:00.050",
        ]);
        _token = await _host.MerchantTokenAsync("acme", "payout");
        await _host.FundAsync("merchant:acme", 100_00, "EUR");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_readme_receiver_verifies_real_deliveries_with_the_merchants_token_and_rejects_them_with_another()
    {
        using var receiver = Receiver.Start(_token);
        using var impostor = Receiver.Start("tk_test_someone_else");

        await CreateAsync("10.00", receiver.Url);
        await CreateAsync("11.00", impostor.Url);

        await receiver.WaitForLineAsync(l => l.StartsWith("verified payout.succeeded", StringComparison.Ordinal) && l.Contains("10.00 EUR", StringComparison.Ordinal));
        await impostor.WaitForLineAsync(l => l.StartsWith("REJECTED", StringComparison.Ordinal));
        receiver.Lines.Should().NotContain(l => l.StartsWith("REJECTED", StringComparison.Ordinal));
        impostor.Lines.Should().NotContain(l => l.StartsWith("verified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_readme_receiver_answers_and_prints_each_of_many_deliveries_arriving_at_once()
    {
        // The sender delivers up to Webhooks:Concurrency (8) webhooks at once, over pooled connections. Eight at a time,
        // the receiver lost about half of them when it closed every connection after its answer, and ran two into one
        // printed line about once in thirty.
        const int deliveries = 200;
        using var receiver = Receiver.Start(_token);
        await receiver.WaitForLineAsync(l => l.StartsWith("listening", StringComparison.Ordinal));
        using var http = new HttpClient();
        var key = StandardWebhooks.KeyFromToken(_token);
        await Parallel.ForEachAsync(Enumerable.Range(1, deliveries), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellation) =>
        {
            var body = Encoding.UTF8.GetBytes(
                $$$"""{"type":"payout.succeeded","id":"pay_{{{i}}}","sequence":1,"data":{"status":"succeeded","initiationStatus":"INITIATION_COMPLETED","amount":"1.00","currency":"EUR"}}""");
            var id = StandardWebhooks.MessageId(i);
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new ByteArrayContent(body) };
            request.Headers.Add(StandardWebhooks.IdHeader, id);
            request.Headers.Add(StandardWebhooks.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(StandardWebhooks.SignatureHeader, StandardWebhooks.Sign(id, timestamp, body, [key]));
            using var response = await http.SendAsync(request, cancellation);
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        });

        // Every delivery was printed before it was answered; the output may still be on its way.
        var lines = await ProvidersHost.EventuallyAsync(() => Task.FromResult(receiver.Lines),
            lines => lines.Sum(l => Regex.Count(l, "verified ")) == deliveries, "every delivery to be printed");
        var printed = lines.Where(l => !l.StartsWith("listening", StringComparison.Ordinal)).ToList();
        printed.Should().HaveCount(deliveries).And.OnlyContain(l =>
            Regex.IsMatch(l, "^verified payout.succeeded pay_[0-9]+ sequence 1: status succeeded, INITIATION_COMPLETED, 1.00 EUR$"));
    }

    private async Task CreateAsync(string amount, string webhookUrl)
    {
        var created = await _host.Grpc.UnaryAsync<CreatePayoutResponse>("/payouts.v1.PayoutService/CreatePayout", new CreatePayoutRequest
        {
            Initiation = new PayoutInitiation
            {
                Amount = amount, Currency = "EUR", Type = "payout", WebhookUrl = webhookUrl,
                Destination = new PayoutDestination { Paypal = new PaypalAccount { Email = "ana@example.com" } },
            },
        }, _token);
        created.Status.Should().Be(0, created.Message);
    }

    private sealed class Receiver : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        private Receiver(Process process, int port)
        {
            _process = process;
            Url = $"http://localhost:{port}/hooks";
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_lines)
                    {
                        _lines.Add(e.Data);
                    }
                }
            };
            _process.BeginOutputReadLine();
        }

        public string Url { get; }

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public static Receiver Start(string token)
        {
            var port = FreePorts.Next();
            var start = new ProcessStartInfo(ExternalProcess.DebianPython) { RedirectStandardOutput = true, WorkingDirectory = RepositoryRoot.Path };
            start.ArgumentList.Add("scripts/webhook-receiver.py");
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.Environment["MERCHANT_TOKEN"] = token;
            return new Receiver(Process.Start(start)!, port);
        }

        public async Task WaitForLineAsync(Func<string, bool> wanted) => await
            ProvidersHost.EventuallyAsync(() => Task.FromResult(Lines), lines => lines.Any(wanted), "the receiver to print the delivery");

        public void Dispose()
        {
            _process.Kill();
            _process.Dispose();
        }
    }
}
