using MediatR;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Messaging;

/// <summary>
/// A handler that gets its request together with what the request's validator parsed from it, and never parses the
/// caller's text itself, so it cannot fail on input the validator refuses. The validation behaviour already ran the
/// same validator, before idempotency, so a refused request never takes a key; MediatR hands the handler the request
/// as it was sent, not a parsed one, so the handler parses it once more (microseconds) rather than trusting that the
/// behaviour ran.
/// </summary>
internal abstract class ValidatedHandler<TRequest, TParsed, TResponse>(IValidator<TRequest, TParsed> validator)
    : IRequestHandler<TRequest, Result<TResponse>>
    where TRequest : IRequest<Result<TResponse>>
{
    public Task<Result<TResponse>> Handle(TRequest request, CancellationToken cancellationToken)
    {
        var parsed = validator.Parse(request);
        return parsed.IsSuccess ? HandleAsync(request, parsed.Value, cancellationToken) : Task.FromResult(Result<TResponse>.Failure(parsed.Error));
    }

    /// <param name="parsed">What the validator made of <paramref name="request"/>: the only source of its parsed values.</param>
    protected abstract Task<Result<TResponse>> HandleAsync(TRequest request, TParsed parsed, CancellationToken cancellationToken);
}
