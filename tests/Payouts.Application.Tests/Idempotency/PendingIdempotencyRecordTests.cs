using Payouts.Application.Common;
using Payouts.Application.Common.Idempotency;
using Payouts.Domain.Common;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Idempotency;

public sealed class PendingIdempotencyRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_command_without_a_key_has_no_record() =>
        PendingIdempotencyRecord.For(Cashout("alice", 1_000), Now).Should().BeNull();

    [Fact]
    public void The_record_holds_the_request_and_the_response_to_replay()
    {
        var pending = PendingIdempotencyRecord.For(Cashout("alice", 1_000, key: "k-1"), Now)!;

        var record = pending.Complete(Result<int>.Success(42))!;

        (record.CallerId, record.Key, record.ResponseJson, record.Error, record.CreatedAt).Should().Be(("alice", "k-1", "42", (Error?)null, Now));
        record.RequestJson.Should().Contain("\"amount\":1000").And.NotContain("k-1", "the key is not part of the request it guards");
    }

    [Fact]
    public void A_refusal_is_recorded_so_that_a_retry_gets_the_same_answer()
    {
        var refused = Error.Precondition("ledger.insufficient_balance", "Insufficient balance");

        var record = PendingIdempotencyRecord.For(Cashout("alice", 1_000, key: "k-1"), Now)!.Complete(Result<int>.Failure(refused))!;

        (record.ResponseJson, record.Error).Should().Be(((string?)null, refused));
    }

    [Fact]
    public void A_transient_failure_leaves_no_record_so_that_a_retry_runs_again() =>
        PendingIdempotencyRecord.For(Cashout("alice", 1_000, key: "k-1"), Now)!.Complete(Result<int>.Failure(TransientErrors.StorageWriteFailed)).Should().BeNull();
}
