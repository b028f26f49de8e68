// Sign-in: user name and password; the server sets the session and CSRF cookies.
import { ApiError, call } from "../api.ts";
import { h } from "../dom.ts";
import { t } from "../i18n.ts";
import { field } from "./page.ts";

export function loginPage(onSignedIn: () => Promise<void>): HTMLElement {
  const w = t();
  const username = h("input", { type: "text", autocomplete: "username", required: true, autofocus: true });
  const password = h("input", { type: "password", autocomplete: "current-password", required: true });
  const msg = h("p", { class: "form-error", role: "alert", id: "login-error" });
  const form = h(
    "form",
    {
      class: "card login",
      "aria-labelledby": "login-title",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        msg.textContent = "";
        try {
          await call("/api/auth/login", {
            method: "POST",
            body: { username: username.value.trim(), password: password.value },
          });
          await onSignedIn();
        } catch (err) {
          msg.textContent =
            err instanceof ApiError && err.status === 401
              ? w.badLogin
              : err instanceof Error
                ? err.message
                : String(err);
        }
      },
    },
    h("h1", { id: "login-title" }, w.signInTitle),
    h("p", { class: "muted" }, w.signInHint),
    field(w.username, username, "username"),
    field(w.password, password, "password"),
    msg,
    h("button", { type: "submit", class: "primary" }, w.signIn),
  );
  return h("div", { class: "login-wrap" }, form);
}
