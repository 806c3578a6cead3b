using Payouts.Api.Auth;

namespace Payouts.Api.Tests.Auth;

public class BearerHeaderTests
{
    [Theory]
    [InlineData("Bearer abc.def.ghi", "abc.def.ghi")]
    [InlineData("bearer abc.def.ghi", "abc.def.ghi")]
    [InlineData("BEARER   abc.def.ghi  ", "abc.def.ghi")]
    public void TryReadBearer_accepts_the_scheme_in_any_case_and_one_token(string header, string token)
    {
        JwtAuthenticationHandler.TryReadBearer(header, out var read).Should().BeTrue();
        read.Should().Be(token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearerabc.def.ghi")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer abc.def.ghi second.token.here")]
    [InlineData("Bearer abc.def.ghi,second.token.here")]
    [InlineData("Bearer abc\tdef")]
    public void TryReadBearer_refuses_anything_but_exactly_one_bearer_token(string header)
    {
        JwtAuthenticationHandler.TryReadBearer(header, out _).Should().BeFalse();
    }
}
