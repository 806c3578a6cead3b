using Payouts.Application.Merchants;
using Payouts.Application.Payouts.Commands.CancelPayout;
using Payouts.Application.Payouts.Queries.GetPayout;
using Payouts.Application.Payouts.Queries.ListPayouts;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Tests.Payouts;

/// <summary>Seed 002's list: every filter with its invert flag, and keyset paging while payouts are created and change.</summary>
public sealed class ListPayoutsTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    public async Task InitializeAsync()
    {
        (await _app.SendAsync(Commands.Credit(MerchantAccounts.OwnerOf(Commands.Merchant), 1_000_000, currency: "EUR"))).IsSuccess.Should().BeTrue();
        (await _app.SendAsync(Commands.Credit(MerchantAccounts.OwnerOf("merchant-2"), 1_000_000, currency: "EUR"))).IsSuccess.Should().BeTrue();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Pages_are_newest_first_with_no_row_twice_or_missed_while_payouts_are_created_and_cancelled()
    {
        var created = await CreateAsync(5);
        var seen = new List<string>();

        var page = await ListAsync(limit: 2);
        seen.AddRange(page.Payouts.Select(p => p.PublicId));
        await CreateAsync(3);
        await CancelAsync(created[0]);
        while (page.NextOffset.Length > 0)
        {
            page = await ListAsync(limit: 2, offset: page.NextOffset);
            seen.AddRange(page.Payouts.Select(p => p.PublicId));
        }

        seen.Should().Equal(created.AsEnumerable().Reverse(), "each payout that existed at the first page, once, newest first");
    }

    [Fact]
    public async Task A_last_short_page_has_no_next_offset()
    {
        await CreateAsync(3);

        var page = await ListAsync(limit: 5);

        (page.Payouts.Count, page.NextOffset).Should().Be((3, ""));
    }

    [Fact]
    public async Task Ids_filter_and_its_inversion()
    {
        var ids = await CreateAsync(4);

        (await ListAsync(ids: [ids[1], ids[3]])).Payouts.Select(p => p.PublicId).Should().BeEquivalentTo([ids[1], ids[3]]);
        (await ListAsync(ids: [ids[1], ids[3]], invertIds: true)).Payouts.Select(p => p.PublicId).Should().BeEquivalentTo([ids[0], ids[2]]);
    }

    [Fact]
    public async Task Statuses_filter_and_its_inversion()
    {
        var ids = await CreateAsync(3);
        await CancelAsync(ids[1]);

        (await ListAsync(statuses: [PayoutStatus.Cancelled])).Payouts.Select(p => p.PublicId).Should().Equal(ids[1]);
        (await ListAsync(statuses: [PayoutStatus.Cancelled], invertStatuses: true)).Payouts.Select(p => p.PublicId).Should().BeEquivalentTo([ids[0], ids[2]]);
    }

    [Fact]
    public async Task RefIds_and_onBehalfOfId_filter()
    {
        var a = (await _app.SendAsync(Commands.Payout() with { RefId = "ref-a", OnBehalfOfId = "sub-1" })).Value;
        var b = (await _app.SendAsync(Commands.Payout() with { RefId = "ref-b", OnBehalfOfId = "sub-2" })).Value;
        await CreateAsync(1);

        (await ListAsync(refIds: ["ref-a", "ref-b"])).Payouts.Select(p => p.PublicId).Should().BeEquivalentTo([a.PublicId, b.PublicId]);
        (await ListAsync(onBehalfOfId: "sub-2")).Payouts.Select(p => p.PublicId).Should().Equal(b.PublicId);
    }

    [Fact]
    public async Task Dates_are_inclusive_utc_days()
    {
        var day1 = await CreateAsync(1);
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var day2 = await CreateAsync(1);
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var day3 = await CreateAsync(1);
        var today = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime);

        (await ListAsync(startDate: today.AddDays(-1).ToString("yyyy-MM-dd"), endDate: today.AddDays(-1).ToString("yyyy-MM-dd")))
            .Payouts.Select(p => p.PublicId).Should().Equal(day2);
        (await ListAsync(startDate: today.AddDays(-1).ToString("yyyy-MM-dd"))).Payouts.Select(p => p.PublicId).Should().Equal(day3[0], day2[0]);
        (await ListAsync(endDate: today.AddDays(-2).ToString("yyyy-MM-dd"))).Payouts.Select(p => p.PublicId).Should().Equal(day1);
    }

    [Fact]
    public async Task A_merchant_sees_only_its_own_payouts()
    {
        var mine = await CreateAsync(1);
        var theirs = (await _app.SendAsync(Commands.Payout(merchant: "merchant-2"))).Value;

        (await ListAsync()).Payouts.Select(p => p.PublicId).Should().Equal(mine);
        (await _app.AskAsync(new GetPayoutQuery(Commands.Merchant, theirs.PublicId))).Error.Kind.Should().Be(ErrorKind.NotFound);
    }

    [Theory]
    [InlineData(0, "", "", "", "limit")]
    [InlineData(201, "", "", "", "limit")]
    [InlineData(10, "garbage", "", "", "offset")]
    [InlineData(10, "", "2026-13-01", "", "startDate")]
    [InlineData(10, "", "", "21/11/2026", "endDate")]
    [InlineData(10, "", "2026-11-21", "2026-11-20", "endDate")]
    public async Task Bad_parameters_name_the_field(int limit, string offset, string startDate, string endDate, string field)
    {
        var result = await _app.AskAsync(Query(limit, offset, startDate, endDate));

        result.Error.Violations.Select(v => v.Field).Should().Contain(field);
    }

    private async Task<List<string>> CreateAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // A key each: without one, the same content would replay the first payout (seed 001).
            ids.Add((await _app.SendAsync(Commands.Payout("1.00") with { IdempotencyKey = Guid.NewGuid().ToString() })).Value.PublicId);
        }

        return ids;
    }

    private async Task CancelAsync(string id) =>
        (await _app.SendAsync(new CancelPayoutCommand(Commands.Merchant, id))).IsSuccess.Should().BeTrue();

    private async Task<PayoutPage> ListAsync(
        int limit = 50, string offset = "", string startDate = "", string endDate = "", string[]? ids = null, bool invertIds = false,
        PayoutStatus[]? statuses = null, bool invertStatuses = false, string[]? refIds = null, string onBehalfOfId = "") =>
        (await _app.AskAsync(Query(limit, offset, startDate, endDate) with
        {
            Ids = ids ?? [],
            InvertIds = invertIds,
            Statuses = statuses ?? [],
            InvertStatuses = invertStatuses,
            RefIds = refIds ?? [],
            OnBehalfOfId = onBehalfOfId,
        })).Value;

    private static ListPayoutsQuery Query(int limit, string offset, string startDate, string endDate) =>
        new(Commands.Merchant, limit, offset, startDate, endDate, [], false, [], false, [], "");
}
