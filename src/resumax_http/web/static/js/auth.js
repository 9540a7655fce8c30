// Signing in and out, and renewing a session on a fresh load from the HttpOnly refresh cookie.

import { api, refreshSession } from "./api.js";
import { accessToken, clearSession, currentUser, setTokens, setUser } from "./session.js";

// Only a flag, never a token: it spares a refresh request (and the auth throttle) on loads where no
// session was ever started in this browser.
const HINT_KEY = "resumax.hadSession";

function setHint(on) {
  try {
    if (on) window.localStorage.setItem(HINT_KEY, "1");
    else window.localStorage.removeItem(HINT_KEY);
  } catch {
    // No storage: a fresh tab then simply asks to sign in.
  }
}

function hint() {
  try {
    return window.localStorage.getItem(HINT_KEY) === "1";
  } catch {
    return false;
  }
}

/** Sign in; resolves to the user. The refresh token stays in its cookie, never in script. */
export async function login(email, password) {
  const session = await api.post("/auth/login", { email, password }, { auth: false });
  setTokens({ accessToken: session.accessToken, expiresIn: session.expiresIn }, session.user);
  setHint(true);
  return session.user;
}

/** Sign out on the server (best effort) and forget the session here. */
export async function logout() {
  try {
    if (accessToken()) await api.post("/auth/logout", undefined, {});
  } finally {
    clearSession();
    setHint(false);
  }
}

/** Forget the session here only (after the account is deleted, or the session ended elsewhere). */
export function forgetSession() {
  clearSession();
  setHint(false);
}

/**
 * Make sure the page knows whether someone is signed in: keep the tab's token, or renew it from the
 * refresh cookie when an earlier session may exist. Resolves to the user or null.
 */
export async function restoreSession() {
  if (!accessToken()) {
    if (!hint()) return null;
    try {
      await refreshSession();
    } catch {
      forgetSession();
      return null;
    }
  }
  if (!currentUser()) {
    try {
      setUser(await api.get("/users/me"));
    } catch {
      return null;
    }
  }
  return accessToken() ? currentUser() : null;
}

/** Fetch the profile again (e.g. after verifying the email) and keep it. */
export async function reloadUser() {
  const user = await api.get("/users/me");
  setUser(user);
  return user;
}
