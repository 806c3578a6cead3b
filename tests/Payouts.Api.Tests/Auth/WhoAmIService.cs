using Grpc.Testing;
using Payouts.Api.Auth;
using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Tests.Auth;

/// <summary>
/// grpc.testing.TestService standing in for a payouts service: UnaryCall answers who the caller is
/// (username = id, oauth_scope = scopes), EmptyCall additionally needs <see cref="AuthScopes.BalancesWrite"/>.
/// </summary>
public sealed class WhoAmIService : IGrpcService
{
    public const string UnaryCall = "/grpc.testing.TestService/UnaryCall";
    public const string EmptyCall = "/grpc.testing.TestService/EmptyCall";

    public Google.Protobuf.Reflection.ServiceDescriptor Descriptor =>
        TestReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("TestService");

    public void Bind(ServiceBinder binder) => binder
        .Unary<SimpleRequest, SimpleResponse>("UnaryCall", (_, context) =>
        {
            var caller = context.RequireCaller();
            return Task.FromResult(new SimpleResponse { Username = caller.Id, OauthScope = string.Join(' ', caller.Scopes.Order()) });
        })
        .Unary<Empty, Empty>("EmptyCall", (_, context) =>
        {
            context.RequireCaller().RequireScope(AuthScopes.BalancesWrite);
            return Task.FromResult(new Empty());
        })
        .Unimplemented("CacheableUnaryCall")
        .Unimplemented("StreamingOutputCall")
        .Unimplemented("StreamingInputCall")
        .Unimplemented("FullDuplexCall")
        .Unimplemented("HalfDuplexCall")
        .Unimplemented("UnimplementedCall");
}
