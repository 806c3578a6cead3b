using Payouts.Application.Common.Providers;

namespace Payouts.Providers.Tests.Tipalti;

public sealed class TipaltiPayeeTests : TipaltiTestBase
{
    [Fact]
    public async Task Upsert_creates_the_payee_then_reports_it_already_existed()
    {
        var payee = Individual("ana-quispe-1");

        (await Registry.PayeeExistsAsync(payee.PayeeId, CancellationToken.None)).Value.Should().BeFalse();
        var first = await Registry.UpsertPayeeAsync(payee, CancellationToken.None);
        var second = await Registry.UpsertPayeeAsync(payee with { Email = "ana.q@example.com" }, CancellationToken.None);

        first.Value.Should().BeFalse("the payee did not exist: alreadyExists is false");
        second.Value.Should().BeTrue("the second call updates the payee it created");
        (await Registry.PayeeExistsAsync(payee.PayeeId, CancellationToken.None)).Value.Should().BeTrue();
        Sandbox.Payee(payee.PayeeId)!["Email"].Should().Be("ana.q@example.com");
    }

    [Fact]
    public async Task Individual_and_company_payees_are_sent_with_their_entity_type_and_fields()
    {
        (await Registry.UpsertPayeeAsync(Individual("person-1"), CancellationToken.None)).IsSuccess.Should().BeTrue();
        (await Registry.UpsertPayeeAsync(Company("company-1"), CancellationToken.None)).IsSuccess.Should().BeTrue();

        var person = Sandbox.Payee("person-1")!;
        person["PayeeEntityType"].Should().Be("Individual");
        person["FirstName"].Should().Be("Ana");
        person["LastName"].Should().Be("Quispe");
        person["Country"].Should().Be("PE");
        person.Should().NotContainKey("Company");

        var company = Sandbox.Payee("company-1")!;
        company["PayeeEntityType"].Should().Be("Company");
        company["Company"].Should().Be("Quispe Trading S.A.C.");
        company["State"].Should().Be("IL");
        company["Street2"].Should().Be("Suite 4");
        company.Should().NotContainKey("FirstName");
    }

    [Fact]
    public async Task The_payee_entity_type_strings_come_from_configuration()
    {
        await using var custom = new TipaltiCustomConfiguration(("Providers:Tipalti:PayeeEntityTypes:Company", "Individual"));
        await custom.InitializeAsync();

        var registry = custom.Fixture.Services.GetServices<IPayeeRegistry>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti);
        var created = await registry.UpsertPayeeAsync(Company("company-2") with { FirstName = "Ana", LastName = "Quispe" }, CancellationToken.None);

        created.IsSuccess.Should().BeTrue(created.Failure?.Message);
        custom.Fixture.Sandbox.Tipalti.Payee("company-2")!["PayeeEntityType"].Should().Be("Individual");
    }

    public static TheoryData<string, PayeeDetails> InvalidPayees() => new()
    {
        { "invalid_idap", Individual(new string('a', 65)) },
        { "invalid_idap", Individual("ana quispe") },
        { "invalid_idap", Individual("ana@quispe") },
        { "invalid_payee_type", Individual("p1") with { PayeeType = (PayeeType)99 } },
        { "invalid_first_name", Individual("p1") with { FirstName = null } },
        { "invalid_last_name", Individual("p1") with { LastName = " " } },
        { "invalid_company_name", Company("p1") with { CompanyName = null } },
        { "invalid_email", Individual("p1") with { Email = "not-an-email" } },
        { "invalid_country", Individual("p1") with { Address = Individual("p1").Address with { Country = "PER" } } },
        { "invalid_state", Company("p1") with { Address = Company("p1").Address with { State = "Illinois" } } },
        { "invalid_street1", Individual("p1") with { Address = Individual("p1").Address with { Street1 = "Av. Larco #123" } } },
        { "invalid_street2", Individual("p1") with { Address = Individual("p1").Address with { Street2 = "Dpto <5>" } } },
        { "invalid_city", Individual("p1") with { Address = Individual("p1").Address with { City = "Lima; DROP" } } },
    };

    [Theory]
    [MemberData(nameof(InvalidPayees))]
    public async Task Invalid_payee_data_is_refused_by_field_before_anything_is_sent(string code, PayeeDetails payee)
    {
        var result = await Registry.UpsertPayeeAsync(payee, CancellationToken.None);

        result.Failure.Should().NotBeNull();
        result.Failure!.Code.Should().Be(code);
        result.Failure.Transient.Should().BeFalse();
        Sandbox.CallsTo("GetPayeeDetails").Should().Be(0);
        Sandbox.CallsTo("UpdateOrCreatePayeeInfo").Should().Be(0);
    }

    [Fact]
    public async Task Address_text_the_1009_pattern_allows_is_accepted_including_accented_letters()
    {
        var payee = Individual("p-accents") with { Address = new PayeeAddress("Jr. José Gálvez 1/2 (int. 3), Miraflores", null, "Lima", null, "15074", "pe") };

        var result = await Registry.UpsertPayeeAsync(payee, CancellationToken.None);

        result.IsSuccess.Should().BeTrue(result.Failure?.Message);
        Sandbox.Payee("p-accents")!["Country"].Should().Be("PE", "the country code is sent upper-case");
    }

    [Fact]
    public async Task A_payee_lookup_failure_is_transient_when_the_sandbox_is_down()
    {
        Sandbox.Context.Faults.Arm(new Payouts.Sandboxes.Common.Fault("payee_details", Payouts.Sandboxes.Common.FaultKind.Unavailable, EveryAttempt));

        var result = await Registry.UpsertPayeeAsync(Individual("p-down"), CancellationToken.None);

        result.Failure!.Transient.Should().BeTrue();
        Sandbox.Payee("p-down").Should().BeNull();
    }

    [Fact]
    public async Task A_lookup_fault_is_retried_because_reads_are_safe_to_repeat()
    {
        Sandbox.Context.Faults.Arm(new Payouts.Sandboxes.Common.Fault("payee_details", Payouts.Sandboxes.Common.FaultKind.ServerError));

        var result = await Registry.PayeeExistsAsync("nobody", CancellationToken.None);

        result.Value.Should().BeFalse();
        Sandbox.CallsTo("GetPayeeDetails").Should().Be(2);
    }
}
