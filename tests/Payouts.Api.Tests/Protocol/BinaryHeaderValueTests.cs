using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Tests.Protocol;

public class BinaryHeaderValueTests
{
    [Theory]
    [InlineData(new byte[0], "")]
    [InlineData(new byte[] { 1 }, "AQ==")]
    [InlineData(new byte[] { 1, 2 }, "AQI=")]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    [InlineData(new byte[] { 0xAB, 0xAB, 0xAB }, "q6ur")]
    public void Encode_is_padded_base64(byte[] value, string expected)
    {
        BinaryHeaderValue.Encode(value).Should().Be(expected);
    }

    [Theory]
    [InlineData("", new byte[0])]
    [InlineData("AQ==", new byte[] { 1 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData("q6ur", new byte[] { 0xAB, 0xAB, 0xAB })]
    [InlineData("+/+/", new byte[] { 0xFB, 0xFF, 0xBF })]
    public void TryDecode_accepts_padded_and_unpadded(string text, byte[] expected)
    {
        BinaryHeaderValue.TryDecode(text, out var value).Should().BeTrue();
        value.Should().Equal(expected);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("AQIDB")]
    [InlineData("!!!!")]
    [InlineData("AQ*D")]
    [InlineData("-_-_")]
    [InlineData("A===")]
    [InlineData("AQ==AQ==")]
    public void TryDecode_rejects_invalid_base64(string text)
    {
        BinaryHeaderValue.TryDecode(text, out var value).Should().BeFalse();
        value.Should().BeEmpty();
    }

    [Fact]
    public void Encode_then_decode_round_trips_every_byte()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        BinaryHeaderValue.TryDecode(BinaryHeaderValue.Encode(bytes), out var value).Should().BeTrue();
        value.Should().Equal(bytes);
    }
}
