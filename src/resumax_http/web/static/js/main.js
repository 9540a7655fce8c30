// The app's entry point: the route table, the signed-in guard, the navigation bar, and focus
// management between pages.

import { onUnauthorized } from "./api.js";
import { logout, restoreSession } from "./auth.js";
import { announce, append, el, replace, setTitle } from "./dom.js";
import { flash, takeFlash } from "./flash.js";
import { match, navigate, route, start } from "./router.js";
import { currentUser, isSignedIn } from "./session.js";
import { loginPage, resetPasswordPage, signupPage, verifyEmailPage } from "./pages/account.js";
import { dashboardPage } from "./pages/dashboard.js";
import { newJobPage, jobPage } from "./pages/jobs.js";
import { optimizationPage } from "./pages/optimization.js";
import { profilePage } from "./pages/profile.js";
import { resumePage, uploadResumePage } from "./pages/resumes.js";
import { versionPage, versionsPage } from "./pages/versions.js";
import { errorPanel } from "./components/ui.js";

route("/", async () => { navigate(isSignedIn() ? "/app" : "/login", { replace: true }); }, { auth: "any" });
route("/login", loginPage, { auth: "guest" });
route("/signup", signupPage, { auth: "guest" });
route("/verify-email", verifyEmailPage);
route("/reset-password", resetPasswordPage);
route("/app", dashboardPage, { auth: "required" });
route("/app/resumes/new", uploadResumePage, { auth: "required" });
route("/app/resumes/:id", resumePage, { auth: "required" });
route("/app/jobs/new", newJobPage, { auth: "required" });
route("/app/jobs/:id", jobPage, { auth: "required" });
route("/app/optimizations/:id", optimizationPage, { auth: "required" });
route("/app/versions", versionsPage, { auth: "required" });
route("/app/versions/:id", versionPage, { auth: "required" });
route("/app/profile", profilePage, { auth: "required" });

const NAV_SIGNED_IN = [
  ["/app", "Dashboard"],
  ["/app/versions", "Versions"],
  ["/app/profile", "Profile"],
];
const NAV_SIGNED_OUT = [
  ["/login", "Log in"],
  ["/signup", "Sign up"],
];

function isCurrent(href, path) {
  if (href === "/app") return path === "/app" || path === "/app/";
  return path === href || path.startsWith(href + "/");
}

function drawNav(path) {
  const nav = document.getElementById("site-nav");
  const user = currentUser();
  const links = (isSignedIn() ? NAV_SIGNED_IN : NAV_SIGNED_OUT).map(([href, label]) =>
    el("li", {}, el("a", { href, "data-link": true, "aria-current": isCurrent(href, path) ? "page" : null }, label)));
  const list = el("ul", { class: "nav-list" }, ...links);
  if (isSignedIn()) {
    const out = el("button", { type: "button", class: "button button-ghost nav-logout" }, "Log out");
    out.addEventListener("click", async () => {
      out.disabled = true;
      try {
        await logout();
      } catch {
        // The session is forgotten here even when the server could not be reached.
      }
      flash("You're signed out.", "info");
      navigate("/login");
    });
    list.append(el("li", { class: "nav-user" },
      user && user.name ? el("span", { class: "nav-name" }, user.name) : null, out));
  }
  replace(nav, list);
}

let controller = null;
let firstRender = true;

async function renderPage(location) {
  if (controller) controller.abort();
  controller = new AbortController();
  const { signal } = controller;
  const main = document.getElementById("main");
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  const found = match(path);
  const user = await restoreSession();
  if (signal.aborted) return undefined;
  if (found && found.auth === "required" && !user) {
    navigate(`/login?next=${encodeURIComponent(path + location.search)}`, { replace: true });
    return undefined;
  }
  if (found && found.auth === "guest" && user) {
    navigate("/app", { replace: true });
    return undefined;
  }
  drawNav(path);
  takeFlash();
  const view = el("div", { class: "view" });
  replace(main, view);
  try {
    if (!found) {
      setTitle("Not found");
      append(view, errorPanel({ status: 404 }, { level: 1 }));
    } else {
      await found.page({ view, params: found.params, query, signal, path });
    }
  } catch (error) {
    if (error && error.name === "AbortError") return undefined;
    if (!signal.aborted) {
      setTitle(error && error.status === 404 ? "Not found" : "Error");
      replace(view, errorPanel(error, { level: 1 }));
    }
  }
  if (signal.aborted) return undefined;
  if (!firstRender) {
    const heading = view.querySelector("h1") || main;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: false });
    announce(document.title);
  }
  firstRender = false;
  return undefined;
}

onUnauthorized(() => {
  const here = window.location.pathname + window.location.search;
  if (!here.startsWith("/app")) return;
  flash("Your session ended. Log in again to continue.", "info");
  navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
});

start(renderPage);
