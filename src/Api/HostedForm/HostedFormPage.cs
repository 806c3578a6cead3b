using System.Net;
using System.Text;
using Payouts.Application.Payouts.Queries.GetHostedForm;
using Payouts.Domain.Common;

namespace Payouts.Api.HostedForm;

/// <summary>
/// The hosted form's HTML: plain server-rendered pages, every dynamic value HTML-encoded, no script. Errors are
/// listed in a summary at the top (role="alert", each linking to its field) and next to each field
/// (aria-describedby, aria-invalid), so screen readers and sighted users get them both ways.
/// </summary>
public static class HostedFormPage
{
    // Contrast on white: text 16:1, hints 7:1, errors 6.9:1, the button's white on blue 6.6:1 (WCAG AA needs 4.5:1).
    private const string Style = """
        *{box-sizing:border-box}
        body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
        main{max-width:34rem;margin:0 auto;padding:1rem}
        h1{font-size:1.5rem;margin:.5rem 0 1rem}
        .amount{font-size:1.25rem;font-weight:600;margin:0}
        .description{margin:.25rem 0 1rem;overflow-wrap:anywhere}
        fieldset{border:1px solid #767676;border-radius:.25rem;margin:0 0 1rem;padding:.75rem}
        legend{font-weight:600;padding:0 .25rem}
        legend .hint{font-weight:400}
        .method-hint{margin:0 0 .5rem}
        .field{margin:0 0 1rem}
        label{display:block;font-weight:600}
        .choice label{display:inline;font-weight:400}
        .hint{display:block;color:#4a4a4a;font-size:.9rem}
        input[type=text],select{display:block;width:100%;max-width:100%;font:inherit;padding:.5rem;border:1px solid #555;border-radius:.25rem;background:#fff;color:#1a1a1a}
        input[type=radio]{width:1.25rem;height:1.25rem;vertical-align:middle;margin:0 .5rem 0 0}
        [aria-invalid=true]{border:2px solid #b00020}
        .error{color:#b00020;font-weight:600;margin:.25rem 0 0}
        .summary{border:3px solid #b00020;border-radius:.25rem;padding:.75rem;margin:0 0 1rem}
        .summary h2{font-size:1.1rem;margin:0 0 .5rem}
        .summary ul{margin:0;padding-left:1.25rem}
        .summary a{color:#b00020}
        button{font:inherit;font-weight:600;padding:.75rem 1.5rem;border:0;border-radius:.25rem;background:#0b57d0;color:#fff;width:100%}
        :focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
        """;

    /// <param name="action">The form's own path, never with a fragment: a browser carries the posting page's #fragment
    /// (e.g. from an error summary link) over a redirect without one, onto the merchant's URL.</param>
    public static string Form(HostedFormView view, string action, string csrf, IReadOnlyDictionary<string, string> values, IReadOnlyList<FieldViolation> errors)
    {
        var byField = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Description)), StringComparer.Ordinal);
        var body = new StringBuilder();
        body.Append("<h1>Where should we send your payout?</h1>");
        if (byField.Count > 0)
        {
            Summary(body, byField);
        }

        body.Append($"<p class=\"amount\">{E(view.Currency)} {E(view.Amount)}</p>");
        if (view.Description is { Length: > 0 } description)
        {
            body.Append($"<p class=\"description\">{E(description)}</p>");
        }

        body.Append($"<form method=\"post\" action=\"{E(action)}\" novalidate>");
        body.Append($"<input type=\"hidden\" name=\"{CheckinCsrf.FieldName}\" value=\"{E(csrf)}\">");
        Methods(body, view, values, byField);
        foreach (var method in view.Methods)
        {
            if (HostedFormFields.SectionOf(method.Id) is not { } section)
            {
                continue;
            }

            // Every section is shown (the page has no script to hide the others), so each says which choice it belongs to.
            body.Append($"<fieldset id=\"{SectionId(method.Id)}\"><legend>{E(section.Legend)} ");
            if (view.Methods.Count > 1)
            {
                body.Append($"<span class=\"hint\">Only if you chose “{E(method.Label)}”.</span>");
            }

            body.Append("</legend>");
            foreach (var field in section.Fields)
            {
                Field(body, field, values.GetValueOrDefault(field.Name, ""), byField.GetValueOrDefault(field.Name));
            }

            body.Append("</fieldset>");
        }

        body.Append("<button type=\"submit\">Send my details</button></form>");
        return Document(byField.Count > 0 ? "Error: Payout details" : "Payout details", body.ToString());
    }

    /// <summary>A page with one message: thanks, an unusable link, a refused submission.</summary>
    public static string Message(string title, string message) =>
        Document(title, $"<h1>{E(title)}</h1><p>{E(message)}</p>");

    private static void Summary(StringBuilder body, Dictionary<string, string> byField)
    {
        body.Append("<div class=\"summary\" role=\"alert\" aria-labelledby=\"summary-title\"><h2 id=\"summary-title\">Please correct the following</h2><ul>");
        foreach (var name in HostedFormFields.Names.Where(byField.ContainsKey))
        {
            body.Append($"<li><a href=\"#{InputId(name)}\">{E(LabelOf(name))}: {E(byField[name])}</a></li>");
        }

        body.Append("</ul></div>");
    }

    private static void Methods(StringBuilder body, HostedFormView view, IReadOnlyDictionary<string, string> values, Dictionary<string, string> byField)
    {
        var error = byField.GetValueOrDefault(HostedFormFields.Method);
        var chosen = values.GetValueOrDefault(HostedFormFields.Method) ?? (view.Methods.Count == 1 ? view.Methods[0].Id : "");
        var hint = view.Methods.Count > 1 ? HostedFormFields.Method + "-hint" : null;
        var described = string.Join(' ', new[] { hint, error is null ? null : ErrorId(HostedFormFields.Method) }.OfType<string>());
        body.Append("<fieldset").Append(described.Length == 0 ? "" : $" aria-describedby=\"{described}\"").Append('>');
        body.Append("<legend>How do you want to be paid?</legend>");
        if (hint is not null)
        {
            body.Append($"<p class=\"hint method-hint\" id=\"{hint}\">Choose one, then fill in only the details for that choice below.</p>");
        }

        if (error is not null)
        {
            body.Append($"<p class=\"error\" id=\"{ErrorId(HostedFormFields.Method)}\">{E(error)}</p>");
        }

        for (var i = 0; i < view.Methods.Count; i++)
        {
            var method = view.Methods[i];
            var id = i == 0 ? InputId(HostedFormFields.Method) : InputId(HostedFormFields.Method) + "-" + method.Id;
            body.Append($"<div class=\"choice\"><input type=\"radio\" id=\"{id}\" name=\"{HostedFormFields.Method}\" value=\"{E(method.Id)}\"")
                .Append(method.Id == chosen ? " checked" : "")
                .Append(error is null ? "" : " aria-invalid=\"true\"")
                .Append($"><label for=\"{id}\">{E(method.Label)}</label></div>");
        }

        body.Append("</fieldset>");
    }

    private static void Field(StringBuilder body, FormField field, string value, string? error)
    {
        var id = InputId(field.Name);
        var described = new List<string>();
        body.Append($"<div class=\"field\"><label for=\"{id}\">{E(field.Label)}</label>");
        if (field.Hint is not null)
        {
            body.Append($"<span class=\"hint\" id=\"{id}-hint\">{E(field.Hint)}</span>");
            described.Add(id + "-hint");
        }

        if (error is not null)
        {
            body.Append($"<p class=\"error\" id=\"{ErrorId(field.Name)}\">{E(error)}</p>");
            described.Add(ErrorId(field.Name));
        }

        var common = $"id=\"{id}\" name=\"{field.Name}\""
            + (field.Required ? " aria-required=\"true\"" : "")
            + (described.Count > 0 ? $" aria-describedby=\"{string.Join(' ', described)}\"" : "")
            + (error is null ? "" : " aria-invalid=\"true\"");
        if (field.Options is { } options)
        {
            body.Append($"<select {common}>");
            foreach (var (optionValue, text) in options)
            {
                body.Append($"<option value=\"{E(optionValue)}\"").Append(optionValue == value ? " selected" : "").Append($">{E(text)}</option>");
            }

            body.Append("</select>");
        }
        else
        {
            // An e-mail address is typed as written: no capital the phone adds by itself.
            body.Append($"<input type=\"text\" {common} value=\"{E(value)}\" inputmode=\"{field.InputMode}\" autocomplete=\"{field.AutoComplete}\" spellcheck=\"false\"")
                .Append(field.InputMode == "email" ? " autocapitalize=\"none\">" : ">");
        }

        body.Append("</div>");
    }

    private static string LabelOf(string name) => name == HostedFormFields.Method
        ? "Payout method"
        : HostedFormFields.Sections.SelectMany(s => s.Fields).Single(f => f.Name == name).Label;

    private static string InputId(string name) => name;

    private static string SectionId(string methodId) => "details-" + methodId;

    private static string ErrorId(string name) => name + "-error";

    private static string Document(string title, string body) =>
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{E(title)}</title><style>{Style}</style></head>
        <body><main>{body}</main></body></html>
        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
