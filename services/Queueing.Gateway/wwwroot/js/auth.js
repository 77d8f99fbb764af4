// Staff sign-in for the staff console and the supervisor board.
//
// POST /api/staff/sign-in {userId, password} → {token, expiresAt, staff:{id, name, role, offices}}.
// The session is kept in sessionStorage (this tab only, gone when the tab closes) and sent as
// "Authorization: Bearer <token>" by staffApi(). A 401 from any call (or the expiry time) signs out
// and shows the sign-in form again; every POST carries a fresh Idempotency-Key (one per button press).
//
// Pages include this markup (test hooks in brackets):
//   <section id="signin-view" [signin]> <form id="signin-form"> <input id="signin-user" [signin-user]>
//     <input id="signin-password" [signin-password]> <button [signin-submit]> <div id="signin-message" [signin-message]>
//   elements with [data-requires-auth] (hidden until signed in), <span id="staff-name" [staff-name]>,
//   <button id="signout-btn" [signout]>.

import { api, paths, newUuid, ApiError, bi, h, setContent, showProblem, showMessage, clearMessage } from './api.js';

const KEY = 'matanai.staff.session';
const listeners = new Set();
let current = load();
let expiryTimer = null;

function valid(s) {
  if (!s || typeof s.token !== 'string' || !s.token) return false;
  const expires = Date.parse(s.expiresAt ?? '');
  return !Number.isFinite(expires) || expires > Date.now();
}

function load() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (valid(s)) return s;
    sessionStorage.removeItem(KEY);
  } catch {
    // storage unavailable or corrupt: not signed in
  }
  return null;
}

function armExpiry() {
  clearTimeout(expiryTimer);
  const expires = Date.parse(current?.expiresAt ?? '');
  if (!current || !Number.isFinite(expires)) return;
  const ms = expires - Date.now();
  if (ms < 2 ** 31 - 1) expiryTimer = setTimeout(() => signOut('expired'), Math.max(0, ms));
}

/** The signed-in staff session ({ token, expiresAt, staff }) or null. */
export function getSession() {
  if (current && !valid(current)) signOut('expired');
  return current;
}

/** Signs in; resolves to the session, rejects with ApiError (401 for a wrong user id or password). */
export async function signIn(userId, password) {
  const { data } = await api(paths.signIn(), { method: 'POST', body: { userId, password } });
  if (!data?.token) throw new ApiError(500, { title: 'No token in the sign-in answer' });
  current = data;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(data));
  } catch {
    // private mode without storage: the session lives until the page is reloaded
  }
  armExpiry();
  return data;
}

/** reason: 'user' (sign-out button), 'expired' (401 or expiry time), 'role' (wrong account for the page). */
export function signOut(reason = 'user') {
  const was = current;
  current = null;
  clearTimeout(expiryTimer);
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // ignore
  }
  if (was) for (const fn of listeners) fn(reason);
}

export function onSignedOut(fn) {
  listeners.add(fn);
}

/**
 * api() with the Bearer token, and a fresh Idempotency-Key on every POST (unless `headers` has one).
 * A 401 signs out (the page shows the sign-in form again) and still rejects.
 */
export async function staffApi(path, { method = 'GET', body, headers = {}, timeoutMs } = {}) {
  const session = getSession();
  if (!session) throw new ApiError(401, { title: 'サインインしてください / Please sign in' });
  const all = { ...headers, Authorization: `Bearer ${session.token}` };
  if (method !== 'GET' && !Object.keys(all).some((k) => k.toLowerCase() === 'idempotency-key')) all['Idempotency-Key'] = newUuid();
  try {
    return await api(path, { method, body, headers: all, timeoutMs });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && current?.token === session.token) signOut('expired');
    throw err;
  }
}

/** The bilingual headline for a failed staff call: 403 → 「この窓口の権限がありません / Not allowed」. */
export function staffProblem(el, err, ja, en) {
  if (err instanceof ApiError && err.status === 403) {
    showProblem(el, err, { ja: 'この窓口の権限がありません', en: 'Not allowed' });
  } else {
    showProblem(el, err, { ja, en });
  }
}

export const ROLE_TEXT = {
  counter: ['窓口職員', 'Counter staff'],
  supervisor: ['監督者', 'Supervisor'],
  admin: ['管理者', 'Administrator'],
};

/**
 * Wires the sign-in form and the sign-out button of a page.
 * @param {object} o
 * @param {string[]} o.roles              roles that may use this page
 * @param {{ja:string,en:string}} o.roleHint  said when an account of another role signs in
 * @param {(session) => void} o.onSignedIn called on load when a session exists, and after each sign-in
 * @param {(reason) => void} [o.onSignedOut]
 */
export function setupSignIn({ roles, roleHint, onSignedIn, onSignedOut: signedOut }) {
  const view = document.getElementById('signin-view');
  const form = document.getElementById('signin-form');
  const user = document.getElementById('signin-user');
  const password = document.getElementById('signin-password');
  const submit = form.querySelector('[data-testid="signin-submit"]');
  const message = document.getElementById('signin-message');
  const nameEl = document.getElementById('staff-name');
  const signoutBtn = document.getElementById('signout-btn');

  const showApp = (session) => {
    view.hidden = !!session;
    for (const el of document.querySelectorAll('[data-requires-auth]')) el.hidden = !session;
    document.body.dataset.signedIn = session ? 'true' : 'false';
    if (nameEl) {
      const role = ROLE_TEXT[session?.staff?.role] ?? [session?.staff?.role ?? '', ''];
      setContent(nameEl, session ? [`${session.staff?.name ?? session.staff?.id ?? ''} `, h('small', {}, `${role[0]} / ${role[1]}`)] : []);
      nameEl.dataset.staffId = session?.staff?.id ?? '';
      nameEl.dataset.role = session?.staff?.role ?? '';
    }
    if (signoutBtn) signoutBtn.hidden = !session;
    if (!session) setTimeout(() => (user.value ? password : user).focus(), 0);
  };

  const allowed = (session) => roles.includes(session?.staff?.role);

  onSignedOut((reason) => {
    showApp(null);
    password.value = '';
    if (reason === 'expired') {
      showMessage(message, bi('サインインの有効期限が切れました。もう一度サインインしてください。', 'Your session has ended. Please sign in again.'), { ok: false });
      message.classList.add('is-error');
    } else if (reason === 'user') {
      showMessage(message, bi('サインアウトしました', 'Signed out'));
    }
    signedOut?.(reason);
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const userId = user.value.trim();
    if (!userId || !password.value) {
      showProblem(message, new Error(''), { ja: '職員IDとパスワードを入力してください', en: 'Enter your user ID and password' });
      (userId ? password : user).focus();
      return;
    }
    submit.disabled = true;
    clearMessage(message);
    try {
      const session = await signIn(userId, password.value);
      password.value = '';
      if (!allowed(session)) {
        signOut('role');
        showProblem(message, new Error(''), { ja: roleHint.ja, en: roleHint.en });
        return;
      }
      showApp(session);
      onSignedIn(session);
    } catch (err) {
      password.value = '';
      if (err instanceof ApiError && err.status === 401) {
        showProblem(message, err, { ja: '職員IDまたはパスワードが違います', en: 'Wrong user ID or password' });
      } else {
        showProblem(message, err, { ja: 'サインインできませんでした', en: 'Could not sign in' });
      }
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });

  signoutBtn?.addEventListener('click', () => signOut('user'));

  const session = getSession();
  if (session && !allowed(session)) {
    signOut('role');
    showApp(null);
    return;
  }
  armExpiry();
  showApp(session);
  if (session) onSignedIn(session);
}
