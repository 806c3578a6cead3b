using MediatR;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Behaviors;

/// <summary>Runs the request's validators; the first error ends the use case before its handler.</summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
    where TResponse : IResult<TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        foreach (var validator in validators)
        {
            if (validator.Validate(request) is { } error)
            {
                return Task.FromResult(TResponse.Failure(error));
            }
        }

        return next();
    }
}
