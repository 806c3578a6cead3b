using System.Globalization;
using System.Net;
using System.Text;
using Payouts.Infrastructure.Providers.Tipalti;

namespace Payouts.Providers.Tests.Tipalti;

/// <summary>The sandbox's wire rules the adapter never breaks on purpose, checked with hand-made requests.</summary>
public sealed class TipaltiSandboxWireTests : TipaltiTestBase
{
    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string envelope)
    {
        using var http = new HttpClient();
        using var content = new StringContent(envelope, Encoding.UTF8, "application/soap+xml");
        using var response = await http.PostAsync(new Uri(Fixture.BaseUrlOf("tipalti"), path), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string GetPayeeDetails(string idap, long timestamp, string masterKey)
    {
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        var key = TipaltiSoapClient.Sign(masterKey, "SandboxPayer" + idap + ts);
        return "<soap12:Envelope xmlns:soap12=\"http://www.w3.org/2003/05/soap-envelope\"><soap12:Body>"
            + $"<GetPayeeDetails xmlns=\"http://Tipalti.org/\"><payerName>SandboxPayer</payerName><idap>{idap}</idap><timestamp>{ts}</timestamp><key>{key}</key></GetPayeeDetails>"
            + "</soap12:Body></soap12:Envelope>";
    }

    [Fact]
    public async Task A_correctly_signed_call_is_answered()
    {
        var (status, body) = await PostAsync("v9/PayeeFunctions.asmx", GetPayeeDetails("nobody", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "sandbox-tipalti-master-key"));

        status.Should().Be(HttpStatusCode.OK);
        body.Should().Contain("<errorCode>PayeeUnknown</errorCode>");
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_even_with_the_right_key()
    {
        var (_, body) = await PostAsync("v9/PayeeFunctions.asmx", GetPayeeDetails("nobody", DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), "sandbox-tipalti-master-key"));

        body.Should().Contain("<errorCode>EncryptionKeyFailedValidation</errorCode>");
    }

    [Fact]
    public async Task An_unreadable_envelope_gets_a_SOAP_fault()
    {
        var (status, body) = await PostAsync("v14/PayerFunctions.asmx", "<soap12:Envelope");

        status.Should().Be(HttpStatusCode.InternalServerError);
        body.Should().Contain("soap:Sender");
    }

    [Fact]
    public async Task A_payee_function_is_not_served_by_the_payer_endpoint()
    {
        var (status, body) = await PostAsync("v14/PayerFunctions.asmx", GetPayeeDetails("nobody", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "sandbox-tipalti-master-key"));

        status.Should().Be(HttpStatusCode.InternalServerError);
        body.Should().Contain("Fault");
    }
}
