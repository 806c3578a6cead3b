using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;

namespace Payouts.Application.Merchants.Commands.SetDefaultWebhookUrl;

internal sealed class SetDefaultWebhookUrlCommandHandler(IUnitOfWork unitOfWork, TimeProvider clock) : ICommandHandler<SetDefaultWebhookUrlCommand, bool>
{
    public Task<Result<bool>> Handle(SetDefaultWebhookUrlCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return unitOfWork.ExecuteAsync(
            session =>
            {
                session.SaveDefaultWebhookUrl(command.MerchantId, command.Url.Length == 0 ? null : new Uri(command.Url), now);
                return Result<bool>.Success(true);
            },
            cancellationToken);
    }
}
