// Comments on and sign-off of a chain's gap report: the chain's lead (or an admin) writes, everyone reads.
import { z } from "zod";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import type { User } from "../../store/accounts/index.ts";
import { ChainParam, ErrorSchema } from "../api-schemas.ts";
import type { RouteContext, RouteSpec } from "../route-spec.ts";
import { parseOrThrow } from "../zod-issues.ts";

const NewComment = z.strictObject({
  text: z.string().trim().min(1, "expected the comment's text").max(5000),
});
const Signoff = z.strictObject({ note: z.string().trim().max(2000).optional() });
const Comment = z.object({ id: z.int(), who: z.string(), at: z.string(), text: z.string() });
const SignoffSchema = z.object({ who: z.string(), at: z.string(), note: z.string().nullable() });

async function requireChain(ctx: RouteContext): Promise<string> {
  const chain = ctx.params.chain!;
  if (!(await ctx.state.hasChain(chain))) throw new NotFoundError(`no chain ${JSON.stringify(chain)}`);
  return chain;
}

function mayWrite(user: User, chain: string): void {
  if (user.role === "admin") return;
  if (user.role === "lead" && (user.chains ?? []).includes(chain)) return;
  throw new ForbiddenError(
    user.role === "lead"
      ? `you lead ${(user.chains ?? []).join(", ") || "no chain"}, not ${chain}: only its lead or an admin comments on its report`
      : `only the chain's lead or an admin comments on and signs off its report (you are ${user.role})`,
  );
}

export const reportNoteRoutes: RouteSpec[] = [
  {
    method: "get",
    path: "/api/chains/:chain/report/comments",
    summary: "Comments on the chain's gap report and its sign-off",
    tag: "report",
    roles: "any",
    params: ChainParam,
    responses: [
      {
        status: 200,
        description: "comments",
        schema: z.object({ items: z.array(Comment), signoff: SignoffSchema.nullable() }),
      },
      { status: 404, description: "no such chain", schema: ErrorSchema },
    ],
    handler: async (ctx) => ctx.state.accounts.notes.of(await requireChain(ctx)),
  },
  {
    method: "post",
    path: "/api/chains/:chain/report/comments",
    summary: "Comment on the chain's gap report (its lead or an admin)",
    tag: "report",
    roles: ["admin", "lead"],
    params: ChainParam,
    body: NewComment,
    responses: [
      { status: 201, description: "added", schema: Comment },
      { status: 400, description: "invalid", schema: ErrorSchema },
      { status: 404, description: "no such chain", schema: ErrorSchema },
    ],
    handler: async (ctx) => {
      mayWrite(ctx.user!, ctx.params.chain!);
      const { text } = parseOrThrow(NewComment, ctx.req.body, "comment");
      const chain = await requireChain(ctx);
      return ctx.state.accounts.notes.comment(chain, ctx.user!.username, text);
    },
  },
  {
    method: "post",
    path: "/api/chains/:chain/report/signoff",
    summary: "Sign off the chain's gap report (its lead or an admin)",
    tag: "report",
    roles: ["admin", "lead"],
    params: ChainParam,
    body: Signoff,
    responses: [
      { status: 201, description: "signed off", schema: SignoffSchema },
      { status: 400, description: "invalid", schema: ErrorSchema },
      { status: 404, description: "no such chain", schema: ErrorSchema },
    ],
    handler: async (ctx) => {
      mayWrite(ctx.user!, ctx.params.chain!);
      const { note } = parseOrThrow(Signoff, ctx.req.body ?? {}, "signoff");
      const chain = await requireChain(ctx);
      return ctx.state.accounts.notes.signOff(chain, ctx.user!.username, note);
    },
  },
];
