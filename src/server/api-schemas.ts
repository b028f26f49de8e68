// Schemas of the API's own bodies (the entities' schemas are the model's): errors, users, tokens, notes.
import { z } from "zod";
import { Id } from "../model/index.ts";
import { Role } from "../store/accounts/index.ts";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        "validation",
        "not_found",
        "unauthenticated",
        "forbidden",
        "conflict",
        "bad_request",
        "rate_limited",
        "internal",
      ]),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
      current: z.unknown().optional(),
      changedBy: z.object({ who: z.string(), at: z.string() }).optional(),
    }),
  })
  .meta({ id: "Error" });

export const UserSchema = z
  .object({
    username: z.string(),
    role: Role,
    chains: z.array(z.string()).optional(),
    county: z.string().optional(),
  })
  .meta({ id: "User" });

export const TokenInfo = z
  .object({
    id: z.int(),
    name: z.string(),
    username: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });

export const ChainParam = z.strictObject({ chain: Id });
export const IdParam = z.strictObject({ id: Id });

/** Any JSON object (an analysis answer documented by the CLI's --json output). */
export const JsonObject = z.record(z.string(), z.unknown());
