using Payouts.Domain.Common;

namespace Payouts.Domain.Tests.Common;

public class ResultTests
{
    private static readonly Error SomeError = Error.Conflict("test.conflict", "Conflict");

    [Fact]
    public void Success_of_value_exposes_value_and_refuses_error()
    {
        Result<int> result = 42;

        result.IsSuccess.Should().BeTrue();
        result.Value.Should().Be(42);
        FluentActions.Invoking(() => result.Error).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Failure_of_value_exposes_error_and_refuses_value()
    {
        Result<int> result = SomeError;

        result.IsSuccess.Should().BeFalse();
        result.Error.Should().Be(SomeError);
        FluentActions.Invoking(() => result.Value).Should().Throw<InvalidOperationException>().WithMessage("*test.conflict*");
    }

    [Fact]
    public void Default_result_of_value_is_neither_value_nor_error()
    {
        var result = default(Result<string>);

        result.IsSuccess.Should().BeFalse();
        FluentActions.Invoking(() => result.Value).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => result.Error).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Success_without_value_refuses_error()
    {
        Result.Success.IsSuccess.Should().BeTrue();
        FluentActions.Invoking(() => Result.Success.Error).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Failure_without_value_exposes_error()
    {
        Result result = SomeError;

        result.IsSuccess.Should().BeFalse();
        result.Error.Should().BeSameAs(SomeError);
        Result.Failure(SomeError).Error.Should().BeSameAs(SomeError);
    }

    [Fact]
    public void Default_result_without_value_is_not_a_success()
    {
        var result = default(Result);

        result.IsSuccess.Should().BeFalse();
        FluentActions.Invoking(() => result.Error).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Failure_of_null_error_throws()
    {
        FluentActions.Invoking(() => Result<int>.Failure(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Result.Failure(null!)).Should().Throw<ArgumentNullException>();
    }
}
