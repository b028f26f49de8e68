// The app's shell: session, role-aware navigation, hash routing, the language switch.
import { ApiError, call, get, type User } from "./api.ts";
import { h, mount } from "./dom.ts";
import { lang, setLang, t } from "./i18n.ts";
import { chainMapPage } from "./pages/chain-map.ts";
import { cityMapPage } from "./pages/city-map.ts";
import { dashboardPage } from "./pages/dashboard.ts";
import { editPage } from "./pages/edit.ts";
import { fishbonePage } from "./pages/fishbone.ts";
import { historyPage } from "./pages/history.ts";
import { loginPage } from "./pages/login.ts";
import type { Ctx, Page } from "./pages/page.ts";
import { progressPage } from "./pages/progress.ts";
import { projectsPage } from "./pages/projects.ts";
import { reportPage } from "./pages/report.ts";
import { reviewPage } from "./pages/review.ts";
import { targetsPage } from "./pages/targets.ts";
import { uploadPage } from "./pages/upload.ts";
import type { ChainSummary } from "./types.ts";

interface Route {
  path: string;
  label: () => string;
  page: Page;
  roles?: User["role"][];
}

const ROUTES: Route[] = [
  { path: "dashboard", label: () => t().dashboard, page: dashboardPage },
  { path: "map", label: () => t().chainMap, page: chainMapPage },
  { path: "city", label: () => t().cityMap, page: cityMapPage },
  { path: "fishbone", label: () => t().fishbone, page: fishbonePage },
  { path: "report", label: () => t().report, page: reportPage },
  { path: "targets", label: () => t().targets, page: targetsPage },
  { path: "projects", label: () => t().projects, page: projectsPage },
  { path: "progress", label: () => t().progress, page: progressPage },
  { path: "edit", label: () => t().edit, page: editPage, roles: ["admin", "editor"] },
  { path: "upload", label: () => t().upload, page: uploadPage, roles: ["admin", "editor"] },
  { path: "review", label: () => t().review, page: reviewPage, roles: ["admin", "editor"] },
  { path: "history", label: () => t().history, page: historyPage },
];

const app = document.getElementById("app")!;
let user: User | null = null;
let chains: ChainSummary[] = [];
let teardown: (() => void) | undefined;

function parseHash(): { path: string; params: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path = "", query = ""] = raw.split("?");
  return { path, params: new URLSearchParams(query) };
}

export function go(path: string, params: Record<string, string> = {}): void {
  const q = new URLSearchParams(params).toString();
  location.hash = `#/${path}${q ? `?${q}` : ""}`;
}

async function loadSession(): Promise<void> {
  try {
    user = (await get<{ user: User }>("/api/auth/me")).user;
    chains = await get<ChainSummary[]>("/api/chains/summary");
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) user = null;
    else throw e;
  }
}

function header(route: Route | undefined): HTMLElement {
  const w = t();
  const visible = ROUTES.filter((r) => !r.roles || (user && r.roles.includes(user.role)));
  return h(
    "header",
    { class: "top" },
    h("div", { class: "brand" }, w.app),
    user &&
      h(
        "nav",
        { "aria-label": "main" },
        h(
          "ul",
          null,
          visible.map((r) =>
            h(
              "li",
              null,
              h(
                "a",
                {
                  href: `#/${r.path}`,
                  "aria-current": r === route ? "page" : undefined,
                  "data-route": r.path,
                },
                r.label(),
              ),
            ),
          ),
        ),
      ),
    h(
      "div",
      { class: "who" },
      user && h("span", { class: "user", "data-testid": "user" }, `${user.username} · ${w.roles[user.role]}`),
      h(
        "button",
        {
          type: "button",
          class: "link",
          id: "lang-switch",
          lang: lang() === "zh" ? "en" : "zh-CN",
          onclick: () => {
            setLang(lang() === "zh" ? "en" : "zh");
            void render();
          },
        },
        w.lang,
      ),
      user &&
        h(
          "button",
          {
            type: "button",
            class: "link",
            id: "sign-out",
            onclick: async () => {
              await call("/api/auth/logout", { method: "POST" }).catch(() => undefined);
              user = null;
              go("login");
              void render();
            },
          },
          w.signOut,
        ),
    ),
  );
}

/** Gives the nav a row of its own when brand, nav and user do not fit on one line (the labels' language, the
 * role's entries and the window's width decide, so it is measured rather than set by a breakpoint). */
function fitHeader(): void {
  const top = document.querySelector<HTMLElement>("header.top");
  if (!top) return;
  top.classList.remove("stacked");
  if (top.scrollWidth > top.clientWidth + 1) top.classList.add("stacked");
}

async function render(): Promise<void> {
  teardown?.();
  teardown = undefined;
  const { path, params } = parseHash();
  if (!user) {
    mount(
      app,
      header(undefined),
      h(
        "main",
        { id: "main", tabindex: "-1" },
        loginPage(async () => {
          await loadSession();
          go(path && path !== "login" ? path : "dashboard", Object.fromEntries(params));
          void render();
        }),
      ),
    );
    fitHeader();
    return;
  }
  const route = ROUTES.find((r) => r.path === path) ?? ROUTES[0]!;
  if (route.path !== path) {
    go(route.path);
    return;
  }
  document.title = `${route.label()} · ${t().app}`;
  const main = h("main", { id: "main", tabindex: "-1" });
  mount(app, header(route), main);
  fitHeader();
  const ctx: Ctx = { user, chains, params, go, onLeave: (fn) => (teardown = fn) };
  try {
    await route.page(main, ctx);
    // Keyboard and screen-reader users land on the new page, not on the link they pressed.
    if (document.activeElement?.closest("nav")) main.focus({ preventScroll: true });
  } catch (e) {
    mount(
      main,
      h(
        "div",
        { class: "error", role: "alert" },
        `${t().error}：`,
        e instanceof Error ? e.message : String(e),
      ),
    );
  }
}

window.addEventListener("hashchange", () => void render());
let fitting = 0;
window.addEventListener("resize", () => {
  cancelAnimationFrame(fitting);
  fitting = requestAnimationFrame(fitHeader);
});
// The skip link moves focus into the page's main content; followed as a link, "#main" would be taken for a
// route and send the user to the dashboard.
document.addEventListener("click", (e) => {
  const a = (e.target as Element | null)?.closest?.("a.skip");
  if (!a) return;
  e.preventDefault();
  document.getElementById("main")?.focus();
});
void loadSession().then(render, (e) => {
  mount(app, h("div", { class: "error", role: "alert" }, String(e)));
});
