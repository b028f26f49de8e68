// API tokens for scripts: create (shown once), list, revoke. Every signed-in user manages his or her own.
import { z } from "zod";
import { ErrorSchema, TokenInfo } from "../api-schemas.ts";
import type { RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const NewToken = z.strictObject({ name: z.string().trim().min(1, "expected a name for the token").max(100) });

export const tokenRoutes: RouteSpec[] = [
  {
    method: "post",
    path: "/api/tokens",
    summary: "Create an API token for scripts (the token is shown only in this answer)",
    tag: "auth",
    roles: "any",
    body: NewToken,
    responses: [
      { status: 201, description: "created", schema: z.object({ token: z.string(), info: TokenInfo }) },
      { status: 400, description: "invalid", schema: ErrorSchema },
    ],
    handler: ({ state, req, user }) =>
      state.accounts.tokens.create(user!.username, parseOrThrow(NewToken, req.body, "token").name),
  },
  {
    method: "get",
    path: "/api/tokens",
    summary: "List your API tokens (an admin sees everyone's)",
    tag: "auth",
    roles: "any",
    responses: [{ status: 200, description: "tokens", schema: z.object({ items: z.array(TokenInfo) }) }],
    handler: ({ state, user }) => ({
      items: state.accounts.tokens.list(user!.role === "admin" ? undefined : user!.username),
    }),
  },
  {
    method: "delete",
    path: "/api/tokens/:id",
    summary: "Revoke an API token",
    tag: "auth",
    roles: "any",
    params: z.strictObject({ id: z.string().regex(/^[1-9]\d{0,15}$/, "expected a token id such as 3") }),
    responses: [
      { status: 204, description: "revoked" },
      { status: 404, description: "no such token", schema: ErrorSchema },
    ],
    handler: ({ state, params, user }) => {
      state.accounts.tokens.remove(Number(params.id), user!.username, user!.role === "admin");
      return undefined;
    },
  },
];
