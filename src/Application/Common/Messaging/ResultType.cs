using System.Linq.Expressions;
using System.Reflection;
using Payouts.Domain.Common;

namespace Payouts.Application.Common.Messaging;

/// <summary>
/// Lets behaviours, which see a request's response type only as a type parameter, make and read a
/// <c>Result&lt;T&gt;</c>. Every command and query answers one; the accessors are built once per type.
/// </summary>
internal static class ResultType<TResponse>
{
    private static readonly Func<Error, TResponse> Fail = Build<Func<Error, TResponse>>(type =>
        type.GetMethod(nameof(Result<int>.Failure), BindingFlags.Public | BindingFlags.Static, [typeof(Error)])!);

    // Result<T> is a struct, whose getters cannot bind to an open delegate; compiled expressions can.
    private static readonly Func<TResponse, bool> IsSuccess = Getter<bool>(nameof(Result<int>.IsSuccess));

    private static readonly Func<TResponse, Error> GetError = Getter<Error>(nameof(Result<int>.Error));

    private static readonly MethodInfo SuccessMethod = typeof(TResponse).GetMethod("Success", BindingFlags.Public | BindingFlags.Static)!;
    private static readonly PropertyInfo ValueProperty = typeof(TResponse).GetProperty("Value")!;

    /// <summary>The type T of Result&lt;T&gt;.</summary>
    public static Type ValueType => typeof(TResponse).GetGenericArguments()[0];

    public static TResponse Failure(Error error) => Fail(error);

    /// <summary>Rare path (idempotent replay), so plain reflection is fine.</summary>
    public static TResponse Success(object? value) => (TResponse)SuccessMethod.Invoke(null, [value])!;

    public static object? ValueOf(TResponse response) => ValueProperty.GetValue(response);

    /// <summary>The error of a failed result; null for success.</summary>
    public static Error? ErrorOf(TResponse response) => IsSuccess(response) ? null : GetError(response);

    private static Func<TResponse, TValue> Getter<TValue>(string property)
    {
        var result = Expression.Parameter(typeof(TResponse));
        return Expression.Lambda<Func<TResponse, TValue>>(Expression.Property(result, property), result).Compile();
    }

    private static TDelegate Build<TDelegate>(Func<Type, MethodInfo> find)
        where TDelegate : Delegate
    {
        var type = typeof(TResponse);
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Result<>))
        {
            throw new InvalidOperationException($"{type} is not a Result<T>; every command and query must answer one.");
        }

        return find(type).CreateDelegate<TDelegate>();
    }
}
