using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Behaviors;

/// <summary>
/// Outermost: one line per use case with its outcome and duration. Request contents are never
/// logged (they hold personal data); expected failures are Information, only exceptions are Error.
/// </summary>
internal sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TResponse : IResult<TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccess)
            {
                Failed(logger, typeof(TRequest).Name, response.Error.Code, elapsedMs);
            }
            else
            {
                Succeeded(logger, typeof(TRequest).Name, elapsedMs);
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Crashed(logger, typeof(TRequest).Name, ex);
            throw;
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "{UseCase} succeeded in {ElapsedMs:F1} ms")]
    private static partial void Succeeded(ILogger logger, string useCase, double elapsedMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{UseCase} failed with {ErrorCode} in {ElapsedMs:F1} ms")]
    private static partial void Failed(ILogger logger, string useCase, string errorCode, double elapsedMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "{UseCase} threw an unexpected exception")]
    private static partial void Crashed(ILogger logger, string useCase, Exception exception);
}
