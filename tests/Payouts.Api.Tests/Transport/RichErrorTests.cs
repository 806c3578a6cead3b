using Google.Protobuf;
using Google.Rpc;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Tests.Transport;

/// <summary>Validation errors carry google.rpc.Status with BadRequest field violations in grpc-status-details-bin.</summary>
public class RichErrorTests
{
    [Fact]
    public async Task Validation_error_carries_field_violations_in_status_details()
    {
        await using var host = await ProbeHost.StartAsync();

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("invalid"))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(3);
        response.Message.Should().Be("Invalid amount");
        BinaryHeaderValue.TryDecode(response.Trailer("grpc-status-details-bin")!, out var bytes).Should().BeTrue();
        var status = Google.Rpc.Status.Parser.ParseFrom(bytes);
        status.Code.Should().Be(3, "the rich status repeats grpc-status");
        status.Message.Should().Be("Invalid amount");
        var badRequest = status.Details.Single().Unpack<BadRequest>();
        badRequest.FieldViolations.Select(v => (v.Field, v.Description)).Should().Equal(
            ("amount", "must be greater than zero"),
            ("currency", "must be an ISO 4217 code"));
    }

    [Fact]
    public async Task Plain_errors_carry_no_status_details()
    {
        await using var host = await ProbeHost.StartAsync();

        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("throw"))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(2);
        response.Trailer("grpc-status-details-bin").Should().BeNull();
    }

    [Fact]
    public void Details_type_url_names_bad_request()
    {
        var error = RichStatus.InvalidArgument("bad", [("field", "why")]);

        error.Details!.Details.Single().TypeUrl.Should().Be("type.googleapis.com/google.rpc.BadRequest");
        error.Status.Code.Should().Be(StatusCode.InvalidArgument);
        error.Details.ToByteArray().Should().NotBeEmpty();
    }
}
