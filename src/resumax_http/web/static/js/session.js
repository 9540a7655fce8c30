// The signed-in session: the access token in memory and sessionStorage (this tab only), the user.
// The refresh token never reaches script: the server keeps it in an HttpOnly cookie scoped to /auth.

const TOKEN_KEY = "resumax.accessToken";
const EXPIRES_KEY = "resumax.accessExpiresAt";
const USER_KEY = "resumax.user";

const listeners = new Set();
let state = { accessToken: null, expiresAt: 0, user: null };

function read() {
  try {
    const token = window.sessionStorage.getItem(TOKEN_KEY);
    const expiresAt = Number(window.sessionStorage.getItem(EXPIRES_KEY) || 0);
    const user = JSON.parse(window.sessionStorage.getItem(USER_KEY) || "null");
    state = { accessToken: token, expiresAt, user };
  } catch {
    state = { accessToken: null, expiresAt: 0, user: null };
  }
}

function write() {
  try {
    if (state.accessToken) {
      window.sessionStorage.setItem(TOKEN_KEY, state.accessToken);
      window.sessionStorage.setItem(EXPIRES_KEY, String(state.expiresAt));
    } else {
      window.sessionStorage.removeItem(TOKEN_KEY);
      window.sessionStorage.removeItem(EXPIRES_KEY);
    }
    if (state.user) window.sessionStorage.setItem(USER_KEY, JSON.stringify(state.user));
    else window.sessionStorage.removeItem(USER_KEY);
  } catch {
    // Storage can be unavailable (private mode, quota): the session then lives in memory only.
  }
}

function notify() {
  for (const listener of listeners) listener(state);
}

read();

export function accessToken() {
  return state.accessToken;
}

/** True when the access token expires within `marginSeconds`. */
export function expiresSoon(marginSeconds = 30) {
  return !state.accessToken || Date.now() + marginSeconds * 1000 >= state.expiresAt;
}

export function currentUser() {
  return state.user;
}

export function isSignedIn() {
  return Boolean(state.accessToken);
}

/** Store fresh tokens (`{accessToken, expiresIn}`), and the user when given. */
export function setTokens({ accessToken, expiresIn }, user) {
  state = {
    accessToken,
    expiresAt: Date.now() + Math.max(0, Number(expiresIn || 0)) * 1000,
    user: user === undefined ? state.user : user,
  };
  write();
  notify();
}

export function setUser(user) {
  state = { ...state, user };
  write();
  notify();
}

export function clearSession() {
  state = { accessToken: null, expiresAt: 0, user: null };
  write();
  notify();
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
