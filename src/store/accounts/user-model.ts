// Accounts: the roles and the shape of a user as the API and the CLI show it (never the hash).
import { z } from "zod";
import { Id } from "../../model/index.ts";

export const Role = z.enum(["admin", "editor", "lead", "investor"]);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,31}$/, "expected a user name of 1–32 characters a-z, 0-9, '.', '_' or '-'");

export const Password = z.string().min(8, "expected a password of at least 8 characters").max(200);

export interface User {
  username: string;
  role: Role;
  /** For a lead: the chains he or she leads (comments on and signs off their reports). */
  chains?: string[];
  /** For an investor: the county the team works for. */
  county?: string;
}

/** A new user as the API and `chain-atlas user add` take it. */
export const NewUser = z.strictObject({
  username: Username,
  password: Password,
  role: Role,
  chains: z.array(Id).optional(),
  county: Id.optional(),
});
export type NewUser = z.infer<typeof NewUser>;

/** A change to a user: any of role, chains, county, password. */
export const UserPatch = z.strictObject({
  password: Password.optional(),
  role: Role.optional(),
  chains: z.array(Id).optional(),
  county: Id.nullable().optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;
