using Mapster;
using Payouts.Api.Services.Mapping;
using Payouts.Application.CashoutMethods;
using Payouts.Application.Cashouts;
using Payouts.Application.Payouts;
using Payouts.Contracts.V1;
using Payouts.Domain.CashoutMethods;
using DomainState = Payouts.Domain.Payouts.PayoutState;
using DomainStatus = Payouts.Domain.Payouts.PayoutStatus;
using Provider = Payouts.Domain.Payouts.Provider;

namespace Payouts.Api.Tests.Mapping;

/// <summary>The one Mapster configuration from application views to proto messages.</summary>
public class ProtoMappingTests
{
    [Fact]
    public void Every_settable_field_of_every_mapped_proto_message_has_a_source()
    {
        var compile = () => ProtoMapping.Create().Compile();

        compile.Should().NotThrow("the service compiles it at start-up and would refuse to start");
    }

    [Fact]
    public void A_proto_field_without_a_source_fails_the_compilation_instead_of_staying_empty()
    {
        var config = ProtoMapping.Create();
        // A cashout view has no url, initiation status or metadata for a payout's fields.
        config.NewConfig<CashoutView, Payout>();

        var compile = () => config.Compile();

        compile.Should().Throw<Exception>().Which.ToString().Should().Contain(nameof(Payout.Url));
    }

    [Fact]
    public void Every_domain_payout_status_and_state_has_a_proto_value()
    {
        foreach (var status in Enum.GetValues<DomainStatus>())
        {
            View(status, DomainState.Pending).Adapt<Payout>(ProtoMapping.Config).InitiationStatus
                .Should().NotBe(PayoutStatus.Unspecified).And.Match(s => s.ToString() == status.ToString());
        }

        foreach (var state in Enum.GetValues<DomainState>())
        {
            View(DomainStatus.InitiationPending, state).Adapt<Payout>(ProtoMapping.Config).Status
                .Should().NotBe(PayoutState.Unspecified).And.Match(s => s.ToString() == state.ToString());
        }
    }

    [Fact]
    public void A_payout_maps_field_for_field_with_absent_text_as_the_proto_default()
    {
        var created = DateTimeOffset.Parse("2026-12-04T10:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture);
        var view = View(DomainStatus.InitiationCompleted, DomainState.Succeeded) with
        {
            Description = null,
            MetadataJson = """{"orderId":1456}""",
            CreatedAt = created,
        };

        var payout = view.Adapt<Payout>(ProtoMapping.Config);

        payout.Id.Should().Be(view.PublicId);
        payout.Url.Should().Be("https://pay.example.com/checkin/pay_x");
        payout.Amount.Should().Be("10.00");
        payout.Description.Should().BeEmpty();
        payout.Metadata.Fields["orderId"].NumberValue.Should().Be(1456);
        payout.CreateTime.ToDateTimeOffset().Should().Be(created);
        payout.RefId.Should().Be("ref-1");
    }

    [Theory]
    [InlineData(Provider.PayPal, DomainStatus.InitiationPending, "paypal", "pending")]
    [InlineData(Provider.Payoneer, DomainStatus.InitiationProcessing, "payoneer", "processing")]
    [InlineData(Provider.Tipalti, DomainStatus.InitiationCompleted, "tipalti", "completed")]
    [InlineData(Provider.Tipalti, DomainStatus.InitiationRejected, "tipalti", "failed")]
    [InlineData(Provider.PayPal, DomainStatus.Returned, "paypal", "returned")]
    public void A_cashout_answers_in_seed_000s_words(Provider provider, DomainStatus status, string name, string word)
    {
        var now = DateTimeOffset.UtcNow;

        var cashout = new CashoutView(7, 700, "USD", provider, status, now, now).Adapt<Cashout>(ProtoMapping.Config);

        (cashout.Type, cashout.Provider, cashout.Status).Should().Be((name, name, word));
    }

    [Fact]
    public void A_pending_cashout_method_shows_no_payee_id_until_the_provider_confirms_it()
    {
        var now = DateTimeOffset.UtcNow;

        var pending = new CashoutMethodView(Provider.Payoneer, LinkStatus.Pending, "payee-1", now, now).Adapt<CashoutMethod>(ProtoMapping.Config);
        var linked = new CashoutMethodView(Provider.Payoneer, LinkStatus.Linked, "payee-1", now, now).Adapt<CashoutMethod>(ProtoMapping.Config);

        pending.Provider.Should().Be("payoneer", "providers are answered by their seed 000 names");
        pending.Status.Should().Be(CashoutMethodStatus.Pending);
        pending.PayeeId.Should().BeEmpty();
        linked.Status.Should().Be(CashoutMethodStatus.Linked);
        linked.PayeeId.Should().Be("payee-1");
    }

    private static PayoutView View(DomainStatus status, DomainState state) => new(
        42, status, state, new Uri("https://pay.example.com/checkin/pay_x"), "ext-1", "10.00", "EUR", "Invoice", null, "ref-1", null,
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
}
