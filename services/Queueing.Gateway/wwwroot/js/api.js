// Shared helpers: query parameters, fetch + ProblemDetails, bilingual DOM building, formatting.
// Everything that comes from the server is put into the page with textContent, never innerHTML.

const query = new URLSearchParams(location.search);

/** A query parameter, trimmed; `fallback` when missing or empty. */
export function param(name, fallback = '') {
  const value = query.get(name);
  return value && value.trim() ? value.trim() : fallback;
}

/** The office this page is for: ?office=..., "demo" by default. */
export function officeId() {
  return param('office', 'demo');
}

const enc = encodeURIComponent;

// ---------------------------------------------------------------- fetch

/** A failed API call. `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(status, problem) {
    const p = problem && typeof problem === 'object' ? problem : {};
    super(p.detail || p.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = typeof p.title === 'string' ? p.title : '';
    this.detail = typeof p.detail === 'string' ? p.detail : '';
    this.errors = p.errors && typeof p.errors === 'object' ? p.errors : null;
    this.problem = p;
  }

  get isNetwork() {
    return this.status === 0;
  }
}

/**
 * Calls the Gateway API. Resolves to `{ status, data }` (`data` is null for 204 or an empty body).
 * Rejects with ApiError for any non-2xx answer (its ProblemDetails fields copied over)
 * and for network failures/timeouts (status 0).
 */
export async function api(path, { method = 'GET', body, headers = {}, timeoutMs = 15000 } = {}) {
  const init = {
    method,
    cache: 'no-store',
    headers: { Accept: 'application/json, application/problem+json', ...headers },
  };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  init.signal = abort.signal;

  let response;
  let text = '';
  try {
    response = await fetch(path, init);
    text = response.status === 204 ? '' : await response.text();
  } catch (err) {
    throw new ApiError(0, { title: 'network', detail: String(err?.message ?? err) });
  } finally {
    clearTimeout(timer);
  }

  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, data ?? { title: `HTTP ${response.status}`, detail: text.slice(0, 300) });
  }
  return { status: response.status, data };
}

export const paths = {
  office: (office) => `/api/offices/${enc(office)}`,
  tickets: (office) => `/api/offices/${enc(office)}/tickets`,
  ticket: (token) => `/api/tickets/${enc(token)}`,
  ticketQr: (token) => `/api/tickets/${enc(token)}/qr.svg`,
  ticketLine: (token) => `/api/tickets/${enc(token)}/line`,
  ticketLineLink: (token, lang = 'ja') => `/api/tickets/${enc(token)}/line-link?lang=${enc(lang)}`,
  ticketLineQr: (token) => `/api/tickets/${enc(token)}/line-link.svg`,
  bookingLineLink: (code, lang = 'ja') => `/api/bookings/${enc(code)}/line-link?lang=${enc(lang)}`,
  bookingLineQr: (code) => `/api/bookings/${enc(code)}/line-link.svg`,
  counter: (office, counter) => `/api/offices/${enc(office)}/counters/${enc(counter)}`,
  counterAction: (office, counter, action) => `/api/offices/${enc(office)}/counters/${enc(counter)}/${action}`,
  counters: (office) => `/api/offices/${enc(office)}/counters`,
  ticketCancel: (token) => `/api/tickets/${enc(token)}/cancel`,
  ticketPostpone: (token) => `/api/tickets/${enc(token)}/postpone`,
  officeTickets: (office, state) => `/api/offices/${enc(office)}/tickets?state=${enc(state)}`,
  unpark: (office, number) => `/api/offices/${enc(office)}/tickets/${enc(number)}/unpark`,
  audit: (office, limit = 50) => `/api/offices/${enc(office)}/audit?limit=${enc(limit)}`,
  signIn: () => '/api/staff/sign-in',
};

/** GET /api/offices/{id}, retried every few seconds until it works; `onError` sees each failure. */
export async function loadOffice(office, onError) {
  for (let attempt = 0; ; attempt++) {
    try {
      const { data } = await api(paths.office(office));
      return data;
    } catch (err) {
      onError?.(err, attempt);
      if (err.status === 404) throw err;
      await sleep(Math.min(2000 * (attempt + 1), 10000));
    }
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A random UUID (v4). crypto.randomUUID needs a secure context; kiosks may run over plain http on a LAN. */
export function newUuid() {
  if (typeof crypto.randomUUID === 'function') {
    try {
      return crypto.randomUUID();
    } catch {
      // fall through
    }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------- DOM

/** h('div', { class: 'x', dataset: { testid: 'y' } }, 'text', child) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return el;
}

/** Japanese then English: <span class="bi"><span class="ja">…</span><span class="en">…</span></span>. */
export function bi(ja, en, { inline = false, tag = 'span', cls = '' } = {}) {
  return h(
    tag,
    { class: `${inline ? 'bi-inline' : 'bi'} ${cls}`.trim() },
    h('span', { class: 'ja', lang: 'ja' }, ja ?? ''),
    en ? h('span', { class: 'en', lang: 'en' }, en) : null,
  );
}

/** A `{ ja, en }` name from the API as bilingual text (falls back to whatever is there). */
export function biName(name, options) {
  if (!name) return bi('', '', options);
  if (typeof name === 'string') return bi(name, '', options);
  return bi(name.ja ?? name.en ?? '', name.ja && name.en ? name.en : '', options);
}

export function nameText(name, lang = 'ja') {
  if (!name) return '';
  if (typeof name === 'string') return name;
  return name[lang] ?? name.ja ?? name.en ?? '';
}

/** Replaces the children of `el`. */
export function setContent(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
}

// ---------------------------------------------------------------- ProblemDetails

/**
 * Shows an error (ApiError or anything else) in a message element:
 * a bilingual headline, then the server's ProblemDetails title/detail and validation errors.
 */
export function showProblem(el, err, { ja = 'エラーが発生しました', en = 'Something went wrong', help } = {}) {
  const parts = [];
  if (err instanceof ApiError && err.isNetwork) {
    parts.push(h('span', { class: 'problem-title' }, bi('サーバーに接続できません', 'Cannot reach the server', { inline: true })));
  } else {
    parts.push(h('span', { class: 'problem-title' }, bi(ja, en, { inline: true })));
    const title = err instanceof ApiError ? err.title : '';
    const detail = err instanceof ApiError ? err.detail : String(err?.message ?? err ?? '');
    const text = [title, detail].filter((s) => s && !/^HTTP \d+$/.test(s)).join(' — ');
    if (text) parts.push(h('span', { class: 'problem-detail' }, text));
    if (err instanceof ApiError && err.errors) {
      const items = [];
      for (const [field, messages] of Object.entries(err.errors)) {
        for (const m of [].concat(messages)) items.push(h('li', {}, field ? `${field}: ${m}` : String(m)));
      }
      if (items.length) parts.push(h('ul', {}, items));
    }
  }
  if (help) parts.push(h('span', { class: 'problem-detail' }, help));
  el.classList.remove('is-ok');
  el.classList.add('is-error');
  el.dataset.status = err instanceof ApiError ? String(err.status) : '';
  setContent(el, parts);
  el.hidden = false;
}

/** Shows a success/info message in a message element. */
export function showMessage(el, content, { ok = true } = {}) {
  el.classList.remove('is-error');
  el.classList.toggle('is-ok', ok);
  el.dataset.status = '';
  setContent(el, content);
  el.hidden = false;
}

export function clearMessage(el, { hide = true } = {}) {
  el.classList.remove('is-error', 'is-ok');
  el.dataset.status = '';
  el.replaceChildren();
  if (hide) el.hidden = true;
}

// ---------------------------------------------------------------- formatting

/** 「約N分 / about N min」 (or 「まもなく / soon」 for 0). */
export function minutesText(minutes) {
  if (minutes === null || minutes === undefined || minutes === '') return null;
  const n = Math.max(0, Math.round(Number(minutes)));
  if (!Number.isFinite(n)) return null;
  return n === 0 ? { ja: 'まもなく', en: 'soon' } : { ja: `約${n}分`, en: `about ${n} min` };
}

const dayOrder = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const dayJa = { Mon: '月', Tue: '火', Wed: '水', Thu: '木', Fri: '金', Sat: '土', Sun: '日' };

function dayRange(days, names, dash, sep) {
  const idx = days.map((d) => dayOrder.indexOf(d)).filter((i) => i >= 0).sort((a, b) => a - b);
  if (!idx.length) return '';
  const consecutive = idx.every((v, i) => i === 0 || v === idx[i - 1] + 1);
  if (consecutive && idx.length > 2) return `${names(dayOrder[idx[0]])}${dash}${names(dayOrder[idx.at(-1)])}`;
  return idx.map((i) => names(dayOrder[i])).join(sep);
}

/** Opening hours as `{ ja, en }`, e.g. 「月〜金 8:30〜17:15」 / "Mon–Fri 8:30–17:15". */
export function openingHoursText(openingHours) {
  if (!Array.isArray(openingHours) || !openingHours.length) return null;
  const trim = (t) => String(t ?? '').replace(/^0(\d):/, '$1:');
  const ja = openingHours
    .map((o) => `${dayRange(o.days ?? [], (d) => dayJa[d] ?? d, '〜', '・')} ${trim(o.open)}〜${trim(o.close)}`)
    .join('　');
  const en = openingHours
    .map((o) => `${dayRange(o.days ?? [], String, '–', ', ')} ${trim(o.open)}–${trim(o.close)}`)
    .join(', ');
  return { ja, en };
}

/** Starts a clock in `el` (time + date in the office's time zone). Returns a function to set the zone. */
export function startClock(el, timeZone = 'Asia/Tokyo') {
  let zone = timeZone;
  const time = h('span', { class: 'clock-time', dataset: { testid: 'clock' } });
  const date = h('span', { class: 'clock-date' });
  el.classList.add('clock');
  el.replaceChildren(time, date);
  const tick = () => {
    const now = new Date();
    let timeFmt;
    let dateFmt;
    try {
      timeFmt = new Intl.DateTimeFormat('ja-JP', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false });
      dateFmt = new Intl.DateTimeFormat('ja-JP', { timeZone: zone, month: 'long', day: 'numeric', weekday: 'short' });
    } catch {
      zone = 'Asia/Tokyo';
      return tick();
    }
    time.textContent = timeFmt.format(now);
    date.textContent = dateFmt.format(now);
  };
  tick();
  setInterval(tick, 1000);
  return (z) => {
    if (z) zone = z;
    tick();
  };
}

/**
 * A wait range as `{ ja, en }`: 「約10〜20分」 / "10–20 min", 「約10分」 / "about 10 min" when both ends agree,
 * 「まもなく」 / "soon" for 0. Falls back to `estimate` when there is no P50/P90. null when nothing is known.
 */
export function waitRangeText(p50, p90, estimate) {
  const num = (v) => (v === null || v === undefined || v === '' || !Number.isFinite(Number(v)) ? null : Math.max(0, Math.round(Number(v))));
  let lo = num(p50);
  let hi = num(p90);
  if (lo === null && hi === null) return minutesText(estimate);
  if (lo === null) lo = hi;
  if (hi === null) hi = lo;
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === 0) return { ja: 'まもなく', en: 'soon' };
  if (lo === hi) return { ja: `約${lo}分`, en: `about ${lo} min` };
  return { ja: `約${lo}〜${hi}分`, en: `${lo}–${hi} min` };
}

/** 「2026年11月21日(土) 10:15」 in the office's time zone. */
export function formatDateTime(date, timeZone = 'Asia/Tokyo') {
  const opts = { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false };
  try {
    return new Intl.DateTimeFormat('ja-JP', { ...opts, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat('ja-JP', opts).format(date);
  }
}

/** "A-001" → "A" (the queue letter before the dash). */
export function queueOfNumber(number) {
  const m = /^([^-\s]+)-/.exec(String(number ?? ''));
  return m ? m[1] : '';
}

/** Sets the office name (bilingual) into every [data-office-name] element and the document title. */
export function showOfficeName(office, pageTitle) {
  for (const el of document.querySelectorAll('[data-office-name]')) {
    setContent(el, biName(office?.name, { inline: el.dataset.officeName === 'inline' }));
  }
  if (office?.name && pageTitle) document.title = `${pageTitle} — ${nameText(office.name, 'ja')}`;
}

/**
 * Fills a LINE box (button, English link, QR) whose links open LINE with a code typed in; `kind` is ticket or
 * booking. The box is removed when the links cannot be had (it would only confuse).
 */
export async function fillLineBox(box, kind, code) {
  if (!box) return;
  const link = kind === 'ticket' ? paths.ticketLineLink : paths.bookingLineLink;
  try {
    const [{ data: ja }, { data: en }] = await Promise.all([api(link(code)), api(link(code, 'en'))]);
    box.querySelector('[data-testid="line-open"]').href = ja.url;
    box.querySelector('[data-testid="line-open-en"]').href = en.url;
    box.querySelector('[data-testid="line-qr"]').src = kind === 'ticket' ? paths.ticketLineQr(code) : paths.bookingLineQr(code);
  } catch {
    box.hidden = true;
  }
}
