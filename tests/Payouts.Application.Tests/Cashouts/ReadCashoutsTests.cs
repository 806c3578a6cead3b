using Payouts.Application.Cashouts.Queries.GetCashout;
using Payouts.Application.Cashouts.Queries.ListCashouts;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Cashouts;

public sealed class ReadCashoutsTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    public async Task InitializeAsync()
    {
        foreach (var user in new[] { "alice", "bob" })
        {
            await _app.SendAsync(Credit(user, 1_000_000, reference: $"{user}-funds"));
            await _app.LinkAsync(user, "paypal");
        }
    }

    [Fact]
    public async Task Get_returns_the_owners_cashout_as_pending()
    {
        var created = await CashoutAsync("alice", 1_500);

        var cashout = await _app.AskAsync(new GetCashoutQuery("alice", created));

        cashout.Value.Should().BeEquivalentTo(new { Id = created, Amount = 1_500L, Currency = "USD", Provider = Provider.PayPal, Status = PayoutStatus.InitiationPending });
        cashout.Value.CreatedAt.Should().Be(_app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Another_users_cashout_is_not_found()
    {
        var alices = await CashoutAsync("alice", 1_500);

        var result = await _app.AskAsync(new GetCashoutQuery("bob", alices));

        result.Error.Kind.Should().Be(ErrorKind.NotFound);
    }

    [Fact]
    public async Task Pages_are_newest_first_and_stable_while_cashouts_are_created()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CashoutAsync("alice", 100 + i));
        }

        var first = (await _app.AskAsync(new ListCashoutsQuery("alice", 2, ""))).Value;
        await CashoutAsync("alice", 999); // arrives between pages: must not shift or repeat anything
        var second = (await _app.AskAsync(new ListCashoutsQuery("alice", 2, first.NextPageToken))).Value;
        var third = (await _app.AskAsync(new ListCashoutsQuery("alice", 2, second.NextPageToken))).Value;

        first.Cashouts.Select(c => c.Id).Should().Equal(ids[4], ids[3]);
        second.Cashouts.Select(c => c.Id).Should().Equal(ids[2], ids[1]);
        third.Cashouts.Select(c => c.Id).Should().Equal(ids[0]);
        third.NextPageToken.Should().BeEmpty("the last page says so");
    }

    [Fact]
    public async Task A_user_lists_only_their_own_cashouts()
    {
        await CashoutAsync("alice", 100);
        var bobs = await CashoutAsync("bob", 200);

        var page = (await _app.AskAsync(new ListCashoutsQuery("bob", 0, ""))).Value;

        page.Cashouts.Select(c => c.Id).Should().Equal(bobs);
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(101, "", "page_size")]
    [InlineData(10, "not-a-token", "page_token")]
    [InlineData(10, "djE6YWJj", "page_token")] // "v1:abc": well formed base64url, not an id
    public async Task Bad_paging_input_names_the_field(int pageSize, string token, string field)
    {
        var result = await _app.AskAsync(new ListCashoutsQuery("alice", pageSize, token));

        result.Error.Violations.Select(v => v.Field).Should().Equal(field);
    }

    private async Task<long> CashoutAsync(string user, long amount)
    {
        _app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await _app.SendAsync(Cashout(user, amount));
        return result.Value.CashoutId;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
