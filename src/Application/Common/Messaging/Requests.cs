using MediatR;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Messaging;

/// <summary>A use case that changes state. Its outcome is a value: success or a domain <see cref="Error"/>.</summary>
public interface ICommand<TResponse> : IRequest<Result<TResponse>>;

/// <summary>A use case that only reads.</summary>
public interface IQuery<TResponse> : IRequest<Result<TResponse>>;

public interface ICommandHandler<in TCommand, TResponse> : IRequestHandler<TCommand, Result<TResponse>>
    where TCommand : ICommand<TResponse>;

public interface IQueryHandler<in TQuery, TResponse> : IRequestHandler<TQuery, Result<TResponse>>
    where TQuery : IQuery<TResponse>;
