using Payouts.Api.Transcoding;

namespace Payouts.Api.Tests.Transcoding;

/// <summary>
/// The one google.api.http path template parser, as both its users see it: transcoding matches request
/// paths with it, and the OpenAPI document writes its paths and parameters from it.
/// </summary>
public sealed class PathTemplateTests
{
    [Theory]
    [InlineData("/payouts/{id}", "payouts/pay_1", "pay_1")]
    [InlineData("/payouts/{id=*}", "payouts/po:28oi:2gFU", "po:28oi:2gFU")]
    [InlineData("/files/{path=**}", "files/a/b/c", "a/b/c")]
    [InlineData("/v1/{name=messages/*}", "v1/messages/123", "messages/123")]
    [InlineData("/payouts/{id}:cancel", "payouts/pay_1:cancel", "pay_1")]
    [InlineData("/a/{b.c}/d", "a/x/d", "x")]
    public void Templates_match_and_capture_variables(string template, string path, string captured)
    {
        var parsed = PathTemplate.Parse(template);

        parsed.Match(path.Split('/'))!.Single().Should().Be(captured);
    }

    [Theory]
    [InlineData("/payouts/{id}", "payouts/pay_1:cancel:x/y")]
    [InlineData("/payouts/{id}:cancel", "payouts/pay_1")]
    [InlineData("/payouts/{id}", "payouts/")]
    [InlineData("/v1/{name=messages/*}", "v1/threads/123")]
    public void Templates_refuse_paths_that_do_not_fit(string template, string path) =>
        PathTemplate.Parse(template).Match(path.Split('/')).Should().BeNull();

    [Theory]
    [InlineData("/payouts", "/payouts", "")]
    [InlineData("/api/payments/{id}", "/api/payments/{id}", "id:*")]
    [InlineData("/v1/{name=*}", "/v1/{name}", "name:*")]
    [InlineData("/v1/files/{path=**}", "/v1/files/{path}", "path:**")]
    [InlineData("/v1/{name=shelves/*/books/*}", "/v1/{name}", "name:shelves/*/books/*")]
    [InlineData("/v1/users/{user.id}/items/{item_id}", "/v1/users/{user.id}/items/{item_id}", "user.id:*,item_id:*")]
    [InlineData("/payouts/{id}:cancel", "/payouts/{id}:cancel", "id:*")]
    [InlineData("/v1/{name=shelves/*}/books:search", "/v1/{name}/books:search", "name:shelves/*")]
    public void OpenApi_paths_make_every_variable_a_plain_parameter_and_keep_the_verb(string template, string openApiPath, string variables)
    {
        var parsed = PathTemplate.Parse(template);

        parsed.OpenApiPath.Should().Be(openApiPath);
        string.Join(",", parsed.Variables.Select(v => $"{v.FieldPath}:{v.Pattern}")).Should().Be(variables);
    }

    [Theory]
    [InlineData("payouts")]
    [InlineData("/payouts/")]
    [InlineData("/a/**/b")]
    [InlineData("/a//b")]
    [InlineData("/payouts/{id")]
    [InlineData("/payouts/id}")]
    [InlineData("/payouts/{a{b}}")]
    [InlineData("/payouts/{}")]
    [InlineData("/payouts/{id=}")]
    [InlineData("/payouts/{a..b}")]
    [InlineData("/payouts/{id}/{id}")]
    public void Malformed_templates_are_refused(string template) =>
        FluentActions.Invoking(() => PathTemplate.Parse(template)).Should().Throw<FormatException>();
}
