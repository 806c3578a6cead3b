// Validates the OpenAPI document at a URL with @apidevtools/swagger-parser, as a client generator reads it: against
// the OpenAPI 3.0 schema, with every $ref resolved. (Its extra spec rules, unique operation ids among them, cover only
// Swagger 2.0; OpenApiDocumentTests checks those.) Prints one JSON line; exits 1 when the document is invalid.
//
//   node tests/Payouts.Api.Tests/OpenApi/validate_openapi.js http://localhost:8080/openapi.json
"use strict";

const SwaggerParser = require("@apidevtools/swagger-parser");

async function main(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }

  const document = await response.json();
  const api = await SwaggerParser.validate(document);
  const operations = Object.values(api.paths).flatMap((path) => Object.keys(path));
  console.log(JSON.stringify({ valid: true, openapi: api.openapi, paths: Object.keys(api.paths).length, operations: operations.length }));
}

main(process.argv[2]).catch((error) => {
  console.log(JSON.stringify({ valid: false, error: error.message, details: error.details ?? null }));
  process.exit(1);
});
