using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Transcoding;

/// <summary>REST log events. Only route keys and status texts: never bodies, tokens or query values (personal data).</summary>
internal static partial class TranscodingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "REST {Route} failed with {Code}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string route, StatusCode code, string detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "REST {Route} was cancelled by the client")]
    public static partial void CallCancelled(ILogger logger, string route);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "REST {Route} threw an unhandled exception")]
    public static partial void UnhandledException(ILogger logger, string route, Exception exception);
}
