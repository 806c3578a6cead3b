using Payouts.Application.Common;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Payouts;
using Payouts.Domain.Common;

namespace Payouts.Application.Merchants.Commands.SetDefaultWebhookUrl;

/// <summary>Seed 001's "default webhook": where a merchant's payout events go when a payout names no webhookUrl. Empty clears it.</summary>
public sealed record SetDefaultWebhookUrlCommand(string MerchantId, string Url) : ICommand<bool>;

internal sealed class SetDefaultWebhookUrlCommandValidator(PayoutPolicy policy) : IValidator<SetDefaultWebhookUrlCommand>
{
    public Error? Validate(SetDefaultWebhookUrlCommand command) =>
        command.Url.Length == 0 || MerchantUrls.IsAcceptable(command.Url, policy)
            ? null
            : Error.Validation("merchant.invalid_webhook_url", "Invalid webhook URL", new FieldViolation("url", MerchantUrls.Rule));
}

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
