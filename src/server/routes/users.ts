// Users (admin only): list, add, change role/chains/county/password, remove.
import { z } from "zod";
import { ValidationError } from "../../errors.ts";
import { NewUser, Username, UserPatch } from "../../store/accounts/index.ts";
import { ErrorSchema, UserSchema } from "../api-schemas.ts";
import type { RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const UserParam = z.strictObject({ username: Username });

export const userRoutes: RouteSpec[] = [
  {
    method: "get",
    path: "/api/users",
    summary: "List the users",
    tag: "users",
    roles: ["admin"],
    responses: [{ status: 200, description: "the users", schema: z.object({ items: z.array(UserSchema) }) }],
    handler: ({ state }) => ({ items: state.accounts.users.list() }),
  },
  {
    method: "post",
    path: "/api/users",
    summary: "Add a user",
    tag: "users",
    roles: ["admin"],
    body: NewUser,
    responses: [
      { status: 201, description: "added", schema: z.object({ user: UserSchema }) },
      { status: 400, description: "invalid", schema: ErrorSchema },
    ],
    handler: async ({ state, req }) => ({
      user: await state.accounts.users.add(parseOrThrow(NewUser, req.body, "user")),
    }),
  },
  {
    method: "patch",
    path: "/api/users/:username",
    summary: "Change a user's role, chains, county or password",
    tag: "users",
    roles: ["admin"],
    params: UserParam,
    body: UserPatch,
    responses: [
      { status: 200, description: "changed", schema: z.object({ user: UserSchema }) },
      { status: 404, description: "no such user", schema: ErrorSchema },
    ],
    handler: async ({ state, req, params }) => {
      const patch = parseOrThrow(UserPatch, req.body, "user");
      return { user: await state.accounts.users.update(params.username!, patch) };
    },
  },
  {
    method: "delete",
    path: "/api/users/:username",
    summary: "Remove a user (not yourself)",
    tag: "users",
    roles: ["admin"],
    params: UserParam,
    responses: [
      { status: 204, description: "removed" },
      { status: 404, description: "no such user", schema: ErrorSchema },
    ],
    handler: ({ state, params, user }) => {
      if (params.username === user!.username)
        throw new ValidationError(
          [{ path: "username", rule: "self", message: "you cannot remove the user you are signed in as" }],
          "user",
        );
      state.accounts.users.remove(params.username!);
      return undefined;
    },
  },
];
