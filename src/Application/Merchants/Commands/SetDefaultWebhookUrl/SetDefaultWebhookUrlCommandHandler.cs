using Payouts.Application.Common;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;

namespace Payouts.Application.Merchants.Commands.SetDefaultWebhookUrl;

internal sealed class SetDefaultWebhookUrlCommandHandler(IValidator<SetDefaultWebhookUrlCommand, Uri?> validator, IUnitOfWork unitOfWork, TimeProvider clock)
    : ValidatedHandler<SetDefaultWebhookUrlCommand, Uri?, bool>(validator)
{
    /// <param name="url">Null clears the default.</param>
    protected override Task<Result<bool>> HandleAsync(SetDefaultWebhookUrlCommand command, Uri? url, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return unitOfWork.ExecuteAsync(
            session =>
            {
                session.Merchants.SaveDefaultWebhookUrl(command.MerchantId, url, now);
                return Result<bool>.Success(true);
            },
            cancellationToken);
    }
}
