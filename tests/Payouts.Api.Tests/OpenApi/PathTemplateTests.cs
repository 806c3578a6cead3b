using Payouts.Api.OpenApi;

namespace Payouts.Api.Tests.OpenApi;

public sealed class PathTemplateTests
{
    [Theory]
    [InlineData("/payouts", "/payouts", "")]
    [InlineData("/api/payments/{id}", "/api/payments/{id}", "id:*")]
    [InlineData("/v1/{name=*}", "/v1/{name}", "name:*")]
    [InlineData("/v1/files/{path=**}", "/v1/files/{path}", "path:**")]
    [InlineData("/v1/{name=shelves/*/books/*}", "/v1/{name}", "name:shelves/*/books/*")]
    [InlineData("/v1/users/{user.id}/items/{item_id}", "/v1/users/{user.id}/items/{item_id}", "user.id:*,item_id:*")]
    [InlineData("/payouts/{id}:cancel", "/payouts/{id}:cancel", "id:*")]
    public void Variables_become_plain_parameters(string template, string openApiPath, string variables)
    {
        var parsed = PathTemplate.Parse(template);

        parsed.OpenApiPath.Should().Be(openApiPath);
        string.Join(",", parsed.Variables.Select(v => $"{v.FieldPath}:{v.Pattern}")).Should().Be(variables);
    }

    [Theory]
    [InlineData("payouts")]
    [InlineData("/payouts/{id")]
    [InlineData("/payouts/id}")]
    [InlineData("/payouts/{a{b}}")]
    [InlineData("/payouts/{}")]
    [InlineData("/payouts/{id=}")]
    [InlineData("/payouts/{a..b}")]
    [InlineData("/payouts/{id}/{id}")]
    public void Malformed_templates_are_rejected(string template)
    {
        var act = () => PathTemplate.Parse(template);

        act.Should().Throw<FormatException>();
    }
}
