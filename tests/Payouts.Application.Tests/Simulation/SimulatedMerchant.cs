using System.Net;
using System.Text.Json;
using Payouts.Application.Payouts;
using Payouts.Application.Webhooks;

namespace Payouts.Application.Tests.Simulation;

/// <summary>
/// The merchant's webhook endpoint, in place of the network under the real webhook sender: every answer comes from
/// the seed (2xx, 5xx, 429, no answer in time, or taken while our process dies before recording the attempt). It
/// keeps what it received, in order, so the simulation can check what a merchant relies on: events of one payout
/// never arrive older after newer, and at quiescence the last one it has says the payout's final status.
/// </summary>
/// <param name="crashInNextCommit">Arms <see cref="SimulationDatabase.ArmCrash"/>: our process dies recording this attempt (or in the next commit).</param>
public sealed class SimulatedMerchant(Random random, Action<string> trace, Action crashInNextCommit) : HttpMessageHandler
{
    private readonly List<Received> _received = [];

    /// <summary>Off for the quiescence phase: the endpoint then takes every event.</summary>
    public bool Faulty { get; set; } = true;

    public IReadOnlyList<Received> Arrivals => _received;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
        var root = body.RootElement;
        var payoutId = PublicPayoutIds.TryParse(root.GetProperty("id").GetString(), out var id) ? id : throw new FormatException("A webhook without a payout id.");
        var webhook = new Received(
            request.Headers.GetValues(StandardWebhooks.IdHeader).Single(), payoutId, root.GetProperty("sequence").GetInt64(), root.GetProperty("type").GetString()!);
        var roll = Faulty ? random.Next(100) : 99;
        var status = roll switch
        {
            < 8 => HttpStatusCode.InternalServerError,
            < 12 => HttpStatusCode.TooManyRequests,
            < 18 => throw Unanswered(webhook),
            < 22 => Taken(webhook, crash: true),
            _ => Taken(webhook, crash: false),
        };
        trace($"merchant: {webhook} -> {(int)status}");
        return new HttpResponseMessage(status);
    }

    /// <summary>No answer in time: the sender's own timeout, whether or not the merchant got it (here it did not).</summary>
    private TaskCanceledException Unanswered(Received webhook)
    {
        trace($"merchant: {webhook} -> no answer in time");
        return new TaskCanceledException("simulated webhook timeout");
    }

    private HttpStatusCode Taken(Received webhook, bool crash)
    {
        _received.Add(webhook);
        if (crash)
        {
            trace($"merchant: {webhook} taken -> our process dies while recording the attempt");
            crashInNextCommit();
        }

        return HttpStatusCode.NoContent;
    }

    /// <param name="MessageId">The webhook-id header: the same on every attempt of one delivery.</param>
    public sealed record Received(string MessageId, long PayoutId, long Sequence, string Type);
}
