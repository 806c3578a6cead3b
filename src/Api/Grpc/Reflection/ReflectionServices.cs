using Google.Protobuf;
using Google.Protobuf.Reflection;
using Payouts.Api.Grpc.Server;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Payouts.Api.Grpc.Reflection;

/// <summary><c>grpc.reflection.v1.ServerReflection</c>, which grpcurl tries first.</summary>
public sealed class ReflectionV1Service(ReflectionCore core) : IGrpcService
{
    public ServiceDescriptor Descriptor => V1.ReflectionReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServerReflection");

    public void Bind(ServiceBinder binder) =>
        binder.DuplexStreaming<V1.ServerReflectionRequest, V1.ServerReflectionResponse>("ServerReflectionInfo", (requests, responses, context) =>
            core.ServeAsync(
                async ct => await requests.MoveNext(ct) ? requests.Current : null,
                responses.WriteAsync,
                context.CancellationToken));
}

/// <summary>
/// <c>grpc.reflection.v1alpha.ServerReflection</c>, grpcurl's fallback. Its messages are
/// wire-identical to v1, so requests and responses cross over as bytes to the one shared core.
/// </summary>
public sealed class ReflectionV1AlphaService(ReflectionCore core) : IGrpcService
{
    public ServiceDescriptor Descriptor => V1Alpha.ReflectionReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServerReflection");

    public void Bind(ServiceBinder binder) =>
        binder.DuplexStreaming<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>("ServerReflectionInfo", (requests, responses, context) =>
            core.ServeAsync(
                async ct => await requests.MoveNext(ct) ? V1.ServerReflectionRequest.Parser.ParseFrom(requests.Current.ToByteString()) : null,
                (response, ct) => responses.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(response.ToByteString()), ct),
                context.CancellationToken));
}
