using Payouts.Domain.Common;

namespace Payouts.Application.Common;

/// <summary>Checks a request before its handler runs; null means valid.</summary>
public interface IValidator<in TRequest>
{
    Error? Validate(TRequest request);
}

/// <summary>
/// A validator that also parses what the caller sent into what the handler works with (an amount into
/// <c>Money</c>, a URL into a <c>Uri</c>), so the rules and the parsing are one piece of code and the handler
/// works on parsed values only, never on text it would have to trust the validator about.
/// </summary>
/// <typeparam name="TParsed">What a valid request parses into; its handler receives it (see ValidatedHandler).</typeparam>
public interface IValidator<in TRequest, TParsed> : IValidator<TRequest>
{
    /// <summary>The parsed form of a valid request, or the error that refuses it.</summary>
    Result<TParsed> Parse(TRequest request);

    Error? IValidator<TRequest>.Validate(TRequest request) => Parse(request) is { IsSuccess: false } refused ? refused.Error : null;
}
