using Grpc.Testing;
using Payouts.Api.Grpc.Server;
using Payouts.Api.Tests.Infrastructure;
using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Payouts.Api.Tests.Binding;

/// <summary>Start-up refuses a service whose handlers do not match its proto, and says why.</summary>
public class ServiceBindingTests
{
    private static readonly ProtoServiceDescriptor TestService = TestReflection.Descriptor.FindTypeByName<ProtoServiceDescriptor>("TestService");

    [Fact]
    public void Every_rpc_needs_a_handler()
    {
        var act = () => Register(b => b.Unary<Empty, Empty>("EmptyCall", Echo));

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*grpc.testing.TestService.UnaryCall has no handler.*")
            .WithMessage("*grpc.testing.TestService.FullDuplexCall has no handler.*");
    }

    [Fact]
    public void Message_types_must_match_the_proto()
    {
        var act = () => Register(b => BindAllBut(b, "UnaryCall").Unary<Empty, Empty>("UnaryCall", Echo));

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*UnaryCall takes Grpc.Testing.SimpleRequest but the handler takes Grpc.Testing.Empty*");
    }

    [Fact]
    public void Call_shape_must_match_the_proto()
    {
        var act = () => Register(b => BindAllBut(b, "StreamingOutputCall")
            .Unary<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", (_, _) => Task.FromResult(new StreamingOutputCallResponse())));

        act.Should().Throw<InvalidOperationException>().WithMessage("*StreamingOutputCall is server streaming but was bound as unary*");
    }

    [Fact]
    public void Binding_an_rpc_the_proto_lacks_or_binding_twice_fails()
    {
        var act = () => Register(b => BindAllBut(b).Unimplemented("NoSuchCall").Unimplemented("EmptyCall"));

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*grpc.testing.TestService.NoSuchCall is bound but the proto has no such RPC*")
            .WithMessage("*grpc.testing.TestService.EmptyCall is bound twice*");
    }

    [Fact]
    public void A_fully_bound_service_registers_every_path()
    {
        var registry = Register(b => BindAllBut(b));

        registry.Services.Should().ContainSingle().Which.FullName.Should().Be("grpc.testing.TestService");
    }

    [Fact]
    public async Task The_host_does_not_start_with_a_badly_bound_service()
    {
        var act = () => TestHosts.StartGrpcAsync(s => s.AddSingleton<IGrpcService>(new DelegateService(b => b.Unimplemented("EmptyCall"))));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*has no handler*");
    }

    private static GrpcMethodRegistry Register(Action<ServiceBinder> bind) => new([new DelegateService(bind)]);

    private static ServiceBinder BindAllBut(ServiceBinder binder, params string[] except)
    {
        foreach (var method in TestService.Methods.Where(m => !except.Contains(m.Name)))
        {
            binder.Unimplemented(method.Name);
        }

        return binder;
    }

    private static Task<Empty> Echo(Empty request, ServerCallContext context) => Task.FromResult(request);

    private sealed class DelegateService(Action<ServiceBinder> bind) : IGrpcService
    {
        public ProtoServiceDescriptor Descriptor => TestService;

        public void Bind(ServiceBinder binder) => bind(binder);
    }
}
