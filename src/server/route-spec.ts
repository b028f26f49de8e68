// A route as one object: method, path, who may call it, its documented query/params/body, and its handler.
// Mounting checks the role and the query's names before the handler runs, and documents it in OpenAPI.
import type { Request, Response } from "express";
import type { z } from "zod";
import type { Role, User } from "../store/accounts/index.ts";
import type { AtlasState } from "./atlas-state.ts";

export type Method = "get" | "post" | "put" | "patch" | "delete";

export interface RouteContext {
  state: AtlasState;
  /** The signed-in user (undefined only on public routes). */
  user: User | undefined;
  req: Request;
  res: Response;
  /** Query values as strings (a repeated name is rejected before the handler runs). */
  query: Record<string, string>;
  params: Record<string, string>;
}

export interface RouteResponse {
  status: number;
  description: string;
  schema?: z.ZodType;
  /** Content type of a file answer (image, PDF, CSV …); JSON when absent. */
  contentType?: string;
}

export interface RouteSpec {
  method: Method;
  /** Express path, e.g. /api/chains/:chain/gaps. */
  path: string;
  summary: string;
  tag: string;
  /** "public": no sign-in; "any": any signed-in user; else the roles allowed. */
  roles: "public" | "any" | ReadonlyArray<Role>;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Headers the route reads (documented). */
  headers?: z.ZodObject;
  responses: RouteResponse[];
  /** Returns a JSON value to send with status 200 (or the first documented 2xx), or sends itself (returns undefined). */
  handler: (ctx: RouteContext) => Promise<unknown> | unknown;
}
