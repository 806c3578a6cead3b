using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Payouts.Api.Grpc.Protocol;
using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Grpc.Reflection;

/// <summary>
/// Answers reflection requests (v1 messages; v1alpha is wire-identical and converted by the caller).
/// Errors go in-band as <c>error_response</c>, so the stream stays open for the next request.
/// </summary>
public sealed class ReflectionCore(IServiceProvider services)
{
    // Resolved late: the registry holds the reflection services, which hold this core.
    private readonly Lazy<DescriptorIndex> _index = new(() => new DescriptorIndex(services.GetRequiredService<GrpcMethodRegistry>().Services));

    /// <summary>Serves one reflection stream: one response per request, in order, until the client half-closes.</summary>
    public async Task ServeAsync(
        Func<CancellationToken, Task<ServerReflectionRequest?>> readNext,
        Func<ServerReflectionResponse, CancellationToken, Task> write,
        CancellationToken cancellationToken)
    {
        while (await readNext(cancellationToken) is { } request)
        {
            await write(Answer(request), cancellationToken);
        }
    }

    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var index = _index.Value;
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.AddRange(index.ServiceNames.Select(n => new ServiceResponse { Name = n }));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FindFile(request.FileByFilename), $"File '{request.FileByFilename}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                SetFile(response, index.FindFileContainingExtension(extension.ContainingType, extension.ExtensionNumber),
                    $"Extension {extension.ExtensionNumber} of '{extension.ContainingType}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                SetExtensionNumbers(response, index, request.AllExtensionNumbersOfType);
                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "The request names no reflection query.");
                break;
        }

        return response;
    }

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        response.FileDescriptorResponse = new FileDescriptorResponse();
        foreach (var each in DescriptorIndex.WithDependencies(file))
        {
            response.FileDescriptorResponse.FileDescriptorProto.Add(each.SerializedData);
        }
    }

    private static void SetExtensionNumbers(ServerReflectionResponse response, DescriptorIndex index, string type)
    {
        if (!index.IsKnownMessage(type))
        {
            SetError(response, StatusCode.NotFound, $"Type '{type}' not found.");
            return;
        }

        response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = type };
        response.AllExtensionNumbersResponse.ExtensionNumber.AddRange(index.ExtensionNumbersOf(type));
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
