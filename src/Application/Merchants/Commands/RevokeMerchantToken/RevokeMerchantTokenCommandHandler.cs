using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;

namespace Payouts.Application.Merchants.Commands.RevokeMerchantToken;

internal sealed class RevokeMerchantTokenCommandHandler(IUnitOfWork unitOfWork, TimeProvider clock) : ICommandHandler<RevokeMerchantTokenCommand, bool>
{
    public Task<Result<bool>> Handle(RevokeMerchantTokenCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return unitOfWork.ExecuteAsync(
            session => session.Merchants.RevokeToken(command.TokenId, now)
                ? Result<bool>.Success(true)
                : Error.NotFound("merchant_token.not_found", $"No active token {command.TokenId}."),
            cancellationToken);
    }
}
