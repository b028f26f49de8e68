// Pages signed in through the API, one sign-in per user for a whole test file (the server limits sign-in
// attempts per address); each page records its dialogs and page errors.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { PASSWORD, type TestServer } from "./server.ts";

export interface PageOptions {
  lang?: "zh" | "en";
  width?: number;
  acceptDownloads?: boolean;
  /** Set the language only when the app has not stored one (a switch in the app survives reloads). */
  keepChosenLang?: boolean;
}

export class WebSessions {
  private readonly contexts: BrowserContext[] = [];
  private readonly cookies = new Map<string, Awaited<ReturnType<BrowserContext["cookies"]>>>();

  constructor(
    private readonly browser: Browser,
    private readonly server: TestServer,
  ) {}

  /** A fresh page signed in as `user` ("" for no one). */
  async open(user: string, opts: PageOptions = {}): Promise<{ page: Page; problems: string[] }> {
    const ctx = await this.browser.newContext({
      viewport: { width: opts.width ?? 1440, height: 900 },
      ...(opts.acceptDownloads ? { acceptDownloads: true } : {}),
    });
    this.contexts.push(ctx);
    const set = `localStorage.setItem("atlas-lang", "${opts.lang ?? "zh"}")`;
    await ctx.addInitScript(opts.keepChosenLang ? `if (!localStorage.getItem("atlas-lang")) ${set}` : set);
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    if (user) {
      const saved = this.cookies.get(user);
      if (saved) await ctx.addCookies(saved);
      else {
        const r = await page.request.post(`${this.server.url}/api/auth/login`, {
          data: { username: user, password: PASSWORD },
        });
        expect(r.status(), `sign in ${user}`).toBe(200);
        this.cookies.set(user, await ctx.cookies());
      }
    }
    return { page, problems };
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => undefined);
  }
}
