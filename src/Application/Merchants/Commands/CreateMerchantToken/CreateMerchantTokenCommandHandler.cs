using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;

namespace Payouts.Application.Merchants.Commands.CreateMerchantToken;

internal sealed class CreateMerchantTokenCommandHandler(IUnitOfWork unitOfWork, TimeProvider clock) : ICommandHandler<CreateMerchantTokenCommand, CreatedMerchantToken>
{
    public async Task<Result<CreatedMerchantToken>> Handle(CreateMerchantTokenCommand command, CancellationToken cancellationToken)
    {
        var secret = MerchantToken.NewSecret(command.Mode);
        var token = new MerchantToken(
            "mt_" + Guid.NewGuid().ToString("N"), command.MerchantId, MerchantToken.HashOf(secret),
            new HashSet<string>(command.Permissions, StringComparer.Ordinal), clock.GetUtcNow(), null);
        var saved = await unitOfWork.ExecuteAsync(
            session =>
            {
                session.Merchants.AddToken(token);
                return Result<bool>.Success(true);
            },
            cancellationToken);
        return saved.IsSuccess ? new CreatedMerchantToken(token.Id, secret) : saved.Error;
    }
}
