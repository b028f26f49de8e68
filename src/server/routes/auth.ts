// Sign-in: POST /api/auth/login sets the session cookie and the readable CSRF cookie; logout; me.
import type { CookieOptions } from "express";
import { z } from "zod";
import { AuthError } from "../../errors.ts";
import { ErrorSchema, UserSchema } from "../api-schemas.ts";
import { type Caller, CSRF_COOKIE, SESSION_COOKIE } from "../auth/authenticate.ts";
import type { RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const Login = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });

const cookieOptions = (httpOnly: boolean): CookieOptions => ({ httpOnly, sameSite: "strict", path: "/" });

export const authRoutes: RouteSpec[] = [
  {
    method: "post",
    path: "/api/auth/login",
    summary: "Sign in with user name and password (rate-limited); sets the session and CSRF cookies",
    tag: "auth",
    roles: "public",
    body: Login,
    responses: [
      { status: 200, description: "signed in", schema: z.object({ user: UserSchema }) },
      { status: 401, description: "wrong user name or password", schema: ErrorSchema },
    ],
    handler: async ({ state, req, res }) => {
      const { username, password } = parseOrThrow(Login, req.body, "login");
      const user = await state.accounts.users.check(username, password);
      if (!user) throw new AuthError("wrong user name or password");
      const s = state.accounts.sessions.open(user.username);
      const expires = new Date(s.expiresAt);
      res.cookie(SESSION_COOKIE, s.token, { ...cookieOptions(true), expires });
      res.cookie(CSRF_COOKIE, s.csrf, { ...cookieOptions(false), expires });
      return { user };
    },
  },
  {
    method: "post",
    path: "/api/auth/logout",
    summary: "Sign out (ends the session)",
    tag: "auth",
    roles: "any",
    responses: [{ status: 204, description: "signed out" }],
    handler: ({ state, res }) => {
      const caller = res.locals.caller as Caller;
      if (caller.session) state.accounts.sessions.close(caller.session);
      res.clearCookie(SESSION_COOKIE, cookieOptions(true));
      res.clearCookie(CSRF_COOKIE, cookieOptions(false));
      return undefined;
    },
  },
  {
    method: "get",
    path: "/api/auth/me",
    summary: "The signed-in user",
    tag: "auth",
    roles: "any",
    responses: [
      { status: 200, description: "the user", schema: z.object({ user: UserSchema }) },
      { status: 401, description: "not signed in", schema: ErrorSchema },
    ],
    handler: ({ user }) => ({ user }),
  },
];
