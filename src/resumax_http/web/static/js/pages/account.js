// The pages for people who are not signed in: log in, sign up, confirm the email, reset the password.

import { api } from "../api.js";
import { login, reloadUser } from "../auth.js";
import { append, el, setTitle } from "../dom.js";
import { flash, showFlash } from "../flash.js";
import { serverMeta } from "../meta.js";
import { navigate } from "../router.js";
import { currentUser, isSignedIn } from "../session.js";
import { check, field, formError, onSubmit } from "../components/forms.js";
import { pageHeader } from "../components/ui.js";

const PASSWORD_HINT = "At least 8 characters; not a common password.";

/** Keep an emailed token out of the address bar and history; remember it for a reload of this tab. */
function takeToken(query, storageKey) {
  const fromUrl = query.get("token");
  if (fromUrl) {
    try { window.sessionStorage.setItem(storageKey, fromUrl); } catch { /* memory only */ }
    const url = new URL(window.location.href);
    url.searchParams.delete("token");
    window.history.replaceState({}, "", url.pathname + url.search);
    return fromUrl;
  }
  try { return window.sessionStorage.getItem(storageKey); } catch { return null; }
}

function forgetToken(storageKey) {
  try { window.sessionStorage.removeItem(storageKey); } catch { /* nothing kept */ }
}

/** Where to go after signing in: the `next` page when it is inside the app, else the dashboard. */
function nextPath(query) {
  const next = query.get("next") || "";
  return next.startsWith("/app") && !next.startsWith("//") ? next : "/app";
}

/** The "where is my email" paragraph: the outbox folder on a local install when the server says so. */
function inboxHint() {
  const hint = el("p", { class: "hint-box" },
    "Check your inbox. On a local install, emails are written as .eml files to the outbox folder that ",
    el("code", {}, "resumax serve"), " printed when it started; open the newest one with any mail app.");
  serverMeta().then((meta) => {
    if (meta && meta.mailMode === "outbox" && meta.outboxDir) {
      hint.replaceChildren("This server writes emails as .eml files instead of sending them. Open the newest file in ",
        el("code", {}, meta.outboxDir), " with any mail app and follow the link.");
    }
  });
  return hint;
}

export async function loginPage({ view, query }) {
  setTitle("Log in");
  const form = el("form", { class: "card form", novalidate: true, "aria-labelledby": "page-title" },
    formError(),
    field({ label: "Email", name: "email", type: "email", autocomplete: "username", required: true }),
    field({ label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true }),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-primary" }, "Log in")),
    el("p", { class: "form-links" },
      el("a", { href: "/reset-password", "data-link": true }, "Forgot your password?"), " · ",
      el("a", { href: "/signup", "data-link": true }, "Create an account")));
  onSubmit(form, async ({ email, password }) => {
    check([
      ["email", email.trim() !== "", "Enter your email address."],
      ["password", password !== "", "Enter your password."],
    ]);
    await login(email.trim(), password);
    navigate(nextPath(query), { replace: true });
  });
  append(view, el("div", { class: "narrow" }, pageHeader("Log in to resuMAX", {
    lead: "Tailor your resume to a job, honestly: every change shows why and the evidence from your resume.",
  }), form));
}

export async function signupPage({ view }) {
  setTitle("Sign up");
  const form = el("form", { class: "card form", novalidate: true, "aria-labelledby": "page-title" },
    formError(),
    field({ label: "Your name", name: "name", autocomplete: "name", required: true, maxlength: 200 }),
    field({ label: "Email", name: "email", type: "email", autocomplete: "email", required: true }),
    field({ label: "Password", name: "password", type: "password", autocomplete: "new-password", required: true, hint: PASSWORD_HINT, minlength: 8 }),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-primary" }, "Create account")),
    el("p", { class: "form-links" }, "Already have an account? ", el("a", { href: "/login", "data-link": true }, "Log in")));
  onSubmit(form, async ({ name, email, password }) => {
    check([
      ["name", name.trim() !== "", "Enter your name."],
      ["email", /^[^@\s]+@[^@\s]+$/.test(email.trim()), "Enter a valid email address."],
      ["password", [...password].length >= 8, "Use at least 8 characters."],
    ]);
    const result = await api.post("/auth/register", { name: name.trim(), email: email.trim(), password }, { auth: false });
    flash(result.message || "We sent you a link to confirm your email.", "ok");
    navigate("/verify-email?sent=1");
  });
  append(view, el("div", { class: "narrow" }, pageHeader("Create your account"), form));
}

export async function verifyEmailPage({ view, query }) {
  setTitle("Confirm your email");
  const storageKey = "resumax.verifyToken";
  const token = takeToken(query, storageKey);
  const box = el("div", { class: "narrow" });
  append(view, box);
  if (!token) {
    append(box, pageHeader("Check your inbox", {
      lead: "We sent a link to confirm your email address. Follow it to start uploading resumes.",
    }), inboxHint());
    if (isSignedIn()) {
      const status = el("p", { role: "status", class: "status-line" });
      const resend = el("button", { type: "button", class: "button button-secondary" }, "Send the link again");
      resend.addEventListener("click", async () => {
        resend.disabled = true;
        try {
          await api.post("/auth/verify/resend");
          status.textContent = "Sent. Check your inbox again.";
        } catch (error) {
          status.textContent = error.message;
        } finally {
          resend.disabled = false;
        }
      });
      append(box, el("div", { class: "form-actions" }, resend, el("a", { href: "/app", "data-link": true, class: "button button-ghost" }, "Go to your dashboard")), status);
    } else {
      append(box, el("p", {}, "You can ", el("a", { href: "/login", "data-link": true }, "log in"), " now; uploads wait until your email is confirmed."));
    }
    return;
  }
  // Opening the link changes nothing (mail scanners prefetch links): the person presses the button.
  const form = el("form", { class: "card form", novalidate: true },
    formError(),
    el("p", {}, "Press the button to confirm this email address for your resuMAX account."),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-primary" }, "Confirm my email")));
  onSubmit(form, async () => {
    await api.post("/auth/verify", { token }, { auth: false });
    forgetToken(storageKey);
    if (isSignedIn()) {
      try { await reloadUser(); } catch { /* the dashboard loads it again */ }
      flash("Your email is confirmed. You can upload a resume now.");
      navigate("/app", { replace: true });
    } else {
      flash("Your email is confirmed. Log in to start.");
      navigate("/login", { replace: true });
    }
  });
  append(box, pageHeader("Confirm your email"), form);
}

export async function resetPasswordPage({ view, query }) {
  setTitle("Reset your password");
  const storageKey = "resumax.resetToken";
  const token = takeToken(query, storageKey);
  const box = el("div", { class: "narrow" });
  append(view, box);
  if (!token) {
    const form = el("form", { class: "card form", novalidate: true },
      formError(),
      field({ label: "Email", name: "email", type: "email", autocomplete: "email", required: true,
        value: currentUser() ? currentUser().email : "" }),
      el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-primary" }, "Send me a reset link")),
      el("p", { class: "form-links" }, el("a", { href: "/login", "data-link": true }, "Back to log in")));
    const sent = el("div", { class: "sent", hidden: true });
    onSubmit(form, async ({ email }) => {
      await api.post("/auth/password-reset/request", { email: email.trim() }, { auth: false });
      sent.replaceChildren(
        el("p", { class: "flash flash-ok", role: "status" }, "If an account uses that address, we sent it a link to choose a new password. The link works once and expires soon."),
        inboxHint());
      sent.hidden = false;
      showFlash("Reset link requested.", "info");
    });
    append(box, pageHeader("Reset your password", { lead: "We'll email you a link to choose a new one." }), form, sent);
    return;
  }
  const form = el("form", { class: "card form", novalidate: true },
    formError(),
    field({ label: "New password", name: "newPassword", type: "password", autocomplete: "new-password", required: true, hint: PASSWORD_HINT, minlength: 8 }),
    field({ label: "Repeat the new password", name: "repeat", type: "password", autocomplete: "new-password", required: true }),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-primary" }, "Set new password")));
  onSubmit(form, async ({ newPassword, repeat }) => {
    check([
      ["newPassword", [...newPassword].length >= 8, "Use at least 8 characters."],
      ["repeat", newPassword === repeat, "The two passwords differ."],
    ]);
    await api.post("/auth/password-reset/confirm", { token, newPassword }, { auth: false });
    forgetToken(storageKey);
    flash("Your password is changed and every session was signed out. Log in with the new password.");
    navigate("/login", { replace: true });
  }, { token: "newPassword" });
  append(box, pageHeader("Choose a new password"), form);
}
