// Structured request logs (pino) with a request id, at a cost a loaded server can afford: no child logger and
// no listener per request unless the log level writes request lines (info and below).
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/** What an error handler needs to log a failed request under its id. */
export interface RequestLog {
  logger: Logger;
  id: string;
}

const GIVEN_ID = /^[\w.-]{1,64}$/;

/** The request's log, set by `requestLog` (undefined outside it). */
export const requestLogOf = (res: Response): RequestLog | undefined =>
  res.locals.requestLog as RequestLog | undefined;

/**
 * Gives every request an id (the caller's X-Request-Id when it is a plain token, else a new UUID), sends it
 * back in X-Request-Id, and logs one line when the response is finished: method, path, status, time, user.
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && GIVEN_ID.test(given) ? given : randomUUID();
    res.setHeader("X-Request-Id", id);
    res.locals.requestLog = { logger, id } satisfies RequestLog;
    if (logger.isLevelEnabled("info")) {
      const start = performance.now();
      res.once("finish", () => {
        const caller = res.locals.caller as { user: { username: string } } | undefined;
        logger.info(
          {
            req: { id, method: req.method, url: req.originalUrl },
            res: { status: res.statusCode },
            responseTime: Math.round(performance.now() - start),
            user: caller?.user.username,
          },
          "request completed",
        );
      });
    }
    next();
  };
}
