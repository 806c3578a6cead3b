using Payouts.Domain.Common;

namespace Payouts.Domain.Tests.Common;

public class ErrorTests
{
    [Fact]
    public void Validation_carries_kind_and_violations()
    {
        var error = Error.Validation("x.invalid", "Invalid", new FieldViolation("amount", "Must be positive."));

        error.Kind.Should().Be(ErrorKind.Validation);
        error.Violations.Should().ContainSingle().Which.Field.Should().Be("amount");
    }

    [Fact]
    public void Factories_set_their_kind_and_no_violations()
    {
        Error[] errors =
        [
            Error.NotFound("a", "A"), Error.Conflict("b", "B"), Error.AlreadyExists("f", "F"), Error.Precondition("c", "C"),
            Error.Unauthenticated("d", "D"), Error.Forbidden("e", "E"),
        ];

        errors.Select(e => e.Kind).Should().Equal(
            ErrorKind.NotFound, ErrorKind.Conflict, ErrorKind.AlreadyExists, ErrorKind.Precondition, ErrorKind.Unauthenticated, ErrorKind.Forbidden);
        errors.Should().OnlyContain(e => e.Violations.Count == 0);
    }
}
