// Profile and preferences, changing the password, and deleting the account (password confirmed in a
// dialog).

import { api } from "../api.js";
import { forgetSession } from "../auth.js";
import { append, el, setTitle } from "../dom.js";
import { flash } from "../flash.js";
import { formatDate } from "../format.js";
import { navigate } from "../router.js";
import { setTokens, setUser } from "../session.js";
import { openDialog } from "../components/dialog.js";
import { checkbox, field, formError, onSubmit } from "../components/forms.js";
import { pageHeader, panel } from "../components/ui.js";

function deleteAccountDialog() {
  const cancel = el("button", { type: "button", class: "button button-secondary" }, "Cancel");
  const form = el("form", { class: "form", novalidate: true },
    formError(),
    el("p", { id: "delete-warning" }, "This deletes your account, every resume, job description, version and exported file. It cannot be undone."),
    field({ label: "Your password", name: "password", type: "password", autocomplete: "current-password", required: true, autofocus: true }),
    el("div", { class: "dialog-actions" }, cancel, el("button", { type: "submit", class: "button button-danger" }, "Delete my account")));
  const dialog = openDialog({ title: "Delete your account?", describedBy: "delete-warning", body: [form] });
  cancel.addEventListener("click", () => dialog.close("cancel"));
  onSubmit(form, async ({ password }) => {
    await api.del("/users/me", { password });
    dialog.close("deleted");
    forgetSession();
    flash("Your account and everything in it were deleted.", "info");
    navigate("/signup", { replace: true });
  });
}

export async function profilePage({ view, signal }) {
  setTitle("Profile");
  const user = await api.get("/users/me", { signal });
  setUser(user);
  const saved = el("p", { class: "status-line", role: "status" });
  const profile = el("form", { class: "form", novalidate: true },
    formError(),
    field({ label: "Name", name: "name", value: user.name, autocomplete: "name", required: true, maxlength: 200 }),
    field({ label: "Email", name: "email", type: "email", value: user.email, readonly: true,
      hint: user.emailVerified ? "Confirmed." : "Not confirmed yet: follow the link we emailed you." }),
    checkbox({ label: "Email me when an optimization is ready", name: "notifyWhenReady",
      checked: Boolean(user.preferences && user.preferences.notifyWhenReady) }),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-primary" }, "Save profile")),
    saved);
  onSubmit(profile, async ({ name, notifyWhenReady }) => {
    saved.textContent = "";
    const updated = await api.put("/users/me", { name: name.trim(), preferences: { notifyWhenReady } });
    setUser(updated);
    saved.textContent = "Saved.";
    const navName = document.querySelector(".nav-name");
    if (navName) navName.textContent = updated.name;
  });

  const passwordDone = el("p", { class: "status-line", role: "status" });
  const password = el("form", { class: "form", novalidate: true },
    formError(),
    field({ label: "Current password", name: "currentPassword", type: "password", autocomplete: "current-password", required: true }),
    field({ label: "New password", name: "newPassword", type: "password", autocomplete: "new-password", required: true,
      hint: "At least 8 characters; not a common password. Other sessions are signed out." }),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button button-secondary" }, "Change password")),
    passwordDone);
  onSubmit(password, async ({ currentPassword, newPassword }) => {
    passwordDone.textContent = "";
    const session = await api.post("/auth/password", { currentPassword, newPassword });
    setTokens({ accessToken: session.accessToken, expiresIn: session.expiresIn }, session.user);
    password.reset();
    passwordDone.textContent = "Password changed. Your other sessions were signed out.";
  });

  const danger = el("button", { type: "button", class: "button button-danger" }, "Delete my account…");
  danger.addEventListener("click", deleteAccountDialog);

  append(view, 
    pageHeader("Profile", { lead: `Member since ${formatDate(user.createdAt)}` }),
    el("div", { class: "grid-2" },
      panel("Profile and preferences", profile),
      panel("Password", password)),
    el("section", { class: "panel panel-danger", "aria-labelledby": "danger-heading" },
      el("h2", { id: "danger-heading" }, "Delete your account"),
      el("p", {}, "Removes every record and stored file. You'll be asked for your password."),
      danger));
}
