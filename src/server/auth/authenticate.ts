// Who is calling: a session cookie (browser) or a bearer token (scripts); cookie writes must carry the CSRF token.
import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { ForbiddenError } from "../../errors.ts";
import type { Accounts, User } from "../../store/accounts/index.ts";

export const SESSION_COOKIE = "atlas_session";
export const CSRF_COOKIE = "atlas_csrf";
export const CSRF_HEADER = "x-csrf-token";

export interface Caller {
  user: User;
  via: "cookie" | "token";
  /** The session's cookie value (for logout). */
  session?: string;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Sets res.locals.caller when the request carries a valid session or token; never rejects by itself. */
export function authenticate(accounts: Accounts) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const auth = req.get("authorization");
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const username = m ? accounts.tokens.find(m[1]!) : undefined;
      const user = username ? accounts.users.get(username) : undefined;
      if (user) res.locals.caller = { user, via: "token" } satisfies Caller;
      next();
      return;
    }
    const cookie = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    if (typeof cookie === "string" && cookie.length > 0 && cookie.length < 200) {
      const s = accounts.sessions.find(cookie);
      const user = s ? accounts.users.get(s.username) : undefined;
      if (s && user) {
        if (UNSAFE.has(req.method)) {
          const header = req.get(CSRF_HEADER);
          if (header === undefined || !same(header, s.csrf)) {
            next(
              new ForbiddenError(
                `a write signed in by cookie needs the header X-CSRF-Token with the value of the ${CSRF_COOKIE} cookie (CSRF protection)`,
              ),
            );
            return;
          }
        }
        res.locals.caller = { user, via: "cookie", session: cookie } satisfies Caller;
      }
    }
    next();
  };
}
