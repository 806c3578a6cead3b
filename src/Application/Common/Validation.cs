using Payouts.Domain.Common;

namespace Payouts.Application.Common;

/// <summary>Checks a request before its handler runs; null means valid.</summary>
public interface IValidator<in TRequest>
{
    Error? Validate(TRequest request);
}
