using Payouts.Api.Grpc.Protocol;
using Payouts.Api.Services;
using Payouts.Api.Transcoding;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Transcoding;

/// <summary>The route table built from the descriptors, field paths, and the status mapping: no host needed (templates: <see cref="PathTemplateTests"/>).</summary>
public sealed class RouteTableTests
{
    [Fact]
    public void The_table_holds_every_annotated_binding_and_the_legacy_routes_exist()
    {
        var table = new RouteTable(Served());

        table.Routes.Select(r => r.Key).Should().Contain(
            ["POST /cashout/process", "POST /cashout/link", "POST /cashout/unlink", "POST /api/payments", "GET /api/payments/{id}", "POST /payouts", "GET /payouts", "GET /payouts/{id}", "POST /payouts/{id}:cancel"]);
        FluentActions.Invoking(() => Payouts.Api.Transcoding.Shapes.LegacyShapes.Verify(table)).Should().NotThrow();
    }

    [Fact]
    public void Conflicting_routes_stop_start_up() =>
        FluentActions.Invoking(() => new RouteTable([.. Served(), new PayoutGrpcService().Descriptor]))
            .Should().Throw<InvalidOperationException>().WithMessage("REST routes conflict: POST /api/payments*");

    [Fact]
    public void Nested_fields_are_set_from_dotted_paths()
    {
        var request = new CreatePayoutRequest();
        var fields = FieldPaths.Resolve(CreatePayoutRequest.Descriptor, "initiation.customer.id")!;

        FieldPaths.Set(request, fields, "cust-7");

        request.Initiation.Customer.Id.Should().Be("cust-7");
        FieldPaths.Name(fields).Should().Be("initiation.customer.id");
    }

    [Theory]
    [InlineData(StatusCode.OK, 200)]
    [InlineData(StatusCode.Cancelled, 500)]
    [InlineData(StatusCode.Unknown, 500)]
    [InlineData(StatusCode.InvalidArgument, 400)]
    [InlineData(StatusCode.DeadlineExceeded, 504)]
    [InlineData(StatusCode.NotFound, 404)]
    [InlineData(StatusCode.AlreadyExists, 409)]
    [InlineData(StatusCode.PermissionDenied, 403)]
    [InlineData(StatusCode.ResourceExhausted, 429)]
    [InlineData(StatusCode.FailedPrecondition, 400)]
    [InlineData(StatusCode.Aborted, 409)]
    [InlineData(StatusCode.OutOfRange, 400)]
    [InlineData(StatusCode.Unimplemented, 501)]
    [InlineData(StatusCode.Internal, 500)]
    [InlineData(StatusCode.Unavailable, 503)]
    [InlineData(StatusCode.DataLoss, 500)]
    [InlineData(StatusCode.Unauthenticated, 401)]
    public void Each_gRPC_status_maps_to_its_HTTP_status(StatusCode code, int http) =>
        HttpStatusMapping.ToHttp(code).Should().Be(http);

    private static List<Google.Protobuf.Reflection.ServiceDescriptor> Served() =>
        [new CashoutGrpcService().Descriptor, new LinkGrpcService().Descriptor, new PayoutGrpcService().Descriptor];
}
