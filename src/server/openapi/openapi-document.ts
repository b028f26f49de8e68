// OpenAPI 3.1 generated from the route specs' zod schemas (the model's schemas for the entities).
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { RouteSpec } from "../route-spec.ts";

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z_]+)/g, "{$1}");

function describeRoles(spec: RouteSpec): string {
  if (spec.roles === "public") return "No sign-in needed.";
  if (spec.roles === "any") return "Any signed-in user.";
  return `Roles: ${spec.roles.join(", ")}.`;
}

export function openApiDocument(specs: ReadonlyArray<RouteSpec>, version: string): object {
  const registry = new OpenAPIRegistry();
  const cookie = registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "atlas_session",
  });
  const bearer = registry.registerComponent("securitySchemes", "token", { type: "http", scheme: "bearer" });
  for (const spec of specs) {
    const responses: RouteConfig["responses"] = {};
    for (const r of spec.responses)
      responses[r.status] = {
        description: r.description,
        ...(r.contentType
          ? { content: { [r.contentType]: { schema: z.string().meta({ format: "binary" }) } } }
          : r.schema
            ? { content: { "application/json": { schema: r.schema } } }
            : {}),
      };
    if (spec.roles !== "public") {
      responses[401] ??= { description: "not signed in" };
      if (spec.roles !== "any") responses[403] ??= { description: "the role may not do this" };
    }
    registry.registerPath({
      method: spec.method,
      path: toOpenApiPath(spec.path),
      summary: spec.summary,
      description: describeRoles(spec),
      tags: [spec.tag],
      ...(spec.roles === "public" ? { security: [] } : {}),
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.body
          ? { body: { required: true, content: { "application/json": { schema: spec.body } } } }
          : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "chain-atlas API",
      version,
      description:
        "The industrial-chain map over REST: resources, analysis and outputs. Sign in with POST /api/auth/login (cookie; writes need X-CSRF-Token) or send Authorization: Bearer <token>.",
    },
    servers: [{ url: "/" }],
    security: [{ [cookie.name]: [] }, { [bearer.name]: [] }],
  });
}
