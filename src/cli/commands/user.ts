// chain-atlas user add|list|remove|reset: the accounts that sign in to the server.
import type { Command } from "commander";
import { ValidationError } from "../../errors.ts";
import { NewUser, newPassword, openAccounts, Username } from "../../store/accounts/index.ts";
import { EmbeddedStore } from "../../store/embedded-store.ts";
import { storeFile } from "../../store/open-store.ts";
import type { CliContext } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const list = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);

/**
 * The accounts `serve` signs users in with: in the embedded store at --db, also when the graph is on Neo4j
 * (--store), as `serve --store` keeps them.
 */
async function accounts(ctx: CliContext) {
  if (process.env.CHAIN_ATLAS_STORE)
    return openAccounts(new EmbeddedStore(storeFile({ db: ctx.options.db }), { create: true }).db);
  const store = await ctx.openStore("fill");
  if (!(store instanceof EmbeddedStore)) throw new Error("users live in the embedded store");
  return openAccounts(store.db);
}

function checkName(name: string): string {
  const r = Username.safeParse(name);
  if (!r.success)
    throw new ValidationError(
      [{ path: "username", rule: "schema", message: r.error.issues[0]!.message }],
      "user",
    );
  return r.data;
}

export function register(program: Command, ctx: CliContext): void {
  const user = program.command("user").description("manage the users who sign in to the server");
  user
    .command("add")
    .description("add a user (a password is generated and printed when --password is not given)")
    .argument("<name>", "user name")
    .requiredOption("--role <role>", "admin | editor | lead | investor")
    .option("--password <pw>", "password (at least 8 characters)")
    .option("--chains <ids>", "for a lead: the chains he or she leads, comma-separated")
    .option("--county <id>", "for an investor: the county region id")
    .action(
      async (name: string, o: { role: string; password?: string; chains?: string; county?: string }) => {
        const generated = o.password === undefined ? newPassword() : undefined;
        const input = {
          username: name,
          password: o.password ?? generated,
          role: o.role,
          chains: list(o.chains),
          county: o.county,
        };
        const r = NewUser.safeParse(
          Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        );
        if (!r.success)
          throw new ValidationError(
            r.error.issues.map((i) => ({
              path: i.path.map(String).join("."),
              rule: "schema",
              message: i.message,
            })),
            "user",
          );
        const u = await (await accounts(ctx)).users.add(r.data);
        if (ctx.json) printJson({ user: u, ...(generated ? { password: generated } : {}) });
        else
          process.stdout.write(
            `added ${u.username} (${u.role})${generated ? `; password ${generated} (shown once)` : ""}\n`,
          );
      },
    );
  user
    .command("list")
    .description("list the users")
    .action(async () => {
      const users = (await accounts(ctx)).users.list();
      if (ctx.json) printJson(users);
      else
        printTable(
          ["user", "role", "chains", "county"],
          users.map((u) => [u.username, u.role, (u.chains ?? []).join(",") || "—", u.county ?? "—"]),
        );
    });
  user
    .command("remove")
    .description("remove a user (and the user's sessions and API tokens)")
    .argument("<name>", "user name")
    .action(async (name: string) => {
      (await accounts(ctx)).users.remove(checkName(name));
      if (ctx.json) printJson({ removed: name });
      else process.stdout.write(`removed ${name}\n`);
    });
  user
    .command("reset")
    .description("set a new password (generated unless --password) and end the user's sessions")
    .argument("<name>", "user name")
    .option("--password <pw>", "the new password (at least 8 characters)")
    .action(async (name: string, o: { password?: string }) => {
      const password = o.password ?? newPassword();
      if (password.length < 8)
        throw new ValidationError(
          [{ path: "password", rule: "schema", message: "expected a password of at least 8 characters" }],
          "user",
        );
      await (await accounts(ctx)).users.update(checkName(name), { password });
      if (ctx.json) printJson({ user: name, ...(o.password ? {} : { password }) });
      else
        process.stdout.write(
          `new password for ${name}${o.password ? " set" : `: ${password} (shown once)`}\n`,
        );
    });
}
