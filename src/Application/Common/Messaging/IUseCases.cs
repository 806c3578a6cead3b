using Payouts.Domain.Common;

namespace Payouts.Application.Common.Messaging;

/// <summary>
/// What the transport layers call. It keeps MediatR an implementation detail of this project:
/// Api sees commands, queries and results, never a mediator.
/// </summary>
public interface IUseCases
{
    Task<Result<TResponse>> SendAsync<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken);

    Task<Result<TResponse>> AskAsync<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken);
}

internal sealed class MediatorUseCases(MediatR.IMediator mediator) : IUseCases
{
    public Task<Result<TResponse>> SendAsync<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken) =>
        mediator.Send(command, cancellationToken);

    public Task<Result<TResponse>> AskAsync<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken) =>
        mediator.Send(query, cancellationToken);
}
