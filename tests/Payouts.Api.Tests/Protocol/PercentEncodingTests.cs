using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Tests.Protocol;

public class PercentEncodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("!\"#$& '()*+,-./09:;<=>?@AZ[\\]^_`az{|}~", "!\"#$& '()*+,-./09:;<=>?@AZ[\\]^_`az{|}~")]
    [InlineData("%", "%25")]
    [InlineData("50%", "50%25")]
    [InlineData("\t\r\n", "%09%0D%0A")]
    [InlineData("\u0000\u001F\u007F", "%00%1F%7F")]
    [InlineData("é", "%C3%A9")]
    [InlineData("☺", "%E2%98%BA")]
    [InlineData("😈", "%F0%9F%98%88")]
    public void Encode_escapes_only_bytes_outside_printable_ascii_and_percent(string text, string expected)
    {
        PercentEncoding.Encode(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("  spaces  ", "%20 spaces %20")]
    [InlineData(" ", "%20")]
    [InlineData("trailing ", "trailing%20")]
    [InlineData(" ☺ ", "%20%E2%98%BA%20")]
    public void Encode_escapes_outer_spaces_so_the_header_value_stays_valid_http2(string text, string expected)
    {
        // RFC 9113 §8.2.1 forbids a field value that starts or ends with SP; inner spaces stay as they are.
        PercentEncoding.Encode(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")]
    [InlineData("100% sure, 50%25 not %")]
    [InlineData("  leading and trailing  ")]
    [InlineData("\u0000\u007F\u0080\uFFFD")]
    public void Decode_of_encode_gives_back_the_text(string text)
    {
        PercentEncoding.Decode(PercentEncoding.Encode(text)).Should().Be(text);
    }

    [Theory]
    [InlineData("%e2%98%ba", "☺")]
    [InlineData("%E2%98%BA", "☺")]
    [InlineData("a%2Cb", "a,b")]
    [InlineData("%41%42", "AB")]
    public void Decode_accepts_either_hex_case(string text, string expected)
    {
        PercentEncoding.Decode(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("abc%", "abc%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%G1", "%G1")]
    [InlineData("%%41", "%A")]
    [InlineData("100%", "100%")]
    [InlineData("%FF", "\uFFFD")]
    [InlineData("%E2%98", "\uFFFD")]
    public void Decode_never_throws_on_malformed_escapes(string text, string expected)
    {
        PercentEncoding.Decode(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("😈 %41", "😈 A")]
    [InlineData("☺%20é", "☺ é")]
    public void Decode_keeps_unescaped_non_ascii_intact(string text, string expected)
    {
        PercentEncoding.Decode(text).Should().Be(expected);
    }
}
