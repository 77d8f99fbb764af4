// Supervisor board: supervisor.html?office=demo (sign-in as supervisor or admin).
// Every counter and queue live (queueStatus), an alert when a wait passes the office's threshold,
// open / pause / close for any counter, and the recent audit log.
import {
  officeId, loadOffice, paths, h, setContent, startClock, showOfficeName, showMessage, nameText, waitRangeText,
} from './api.js';
import { staffApi, staffProblem, setupSignIn } from './auth.js';
import { startLive } from './live.js';

const AUDIT_EVERY_MS = 10_000;

const office = officeId();
const el = (id) => document.getElementById(id);
const alertEl = el('alert');
const queueTiles = el('queue-tiles');
const counterTiles = el('counter-tiles');
const messageEl = el('board-message');
const auditEl = el('audit-log');
const setZone = startClock(el('clock'));

const COUNTER_STATE = {
  open: ['開いています', 'Open'],
  paused: ['休憩中', 'Paused'],
  closed: ['閉じています', 'Closed'],
};
const ACTION_TEXT = {
  'sign-in': ['サインイン', 'sign-in'],
  'sign-out': ['サインアウト', 'sign-out'],
  open: ['窓口を開く', 'open'],
  pause: ['休憩', 'pause'],
  close: ['窓口を閉じる', 'close'],
  'call-next': ['呼出', 'call next'],
  call: ['番号指定で呼出', 'call'],
  recall: ['再呼出', 'recall'],
  start: ['受付開始', 'start'],
  complete: ['完了', 'complete'],
  'no-show': ['不在', 'no-show'],
  return: ['列に戻す', 'return'],
  transfer: ['回送', 'transfer'],
  park: ['保留', 'park'],
  unpark: ['保留解除', 'unpark'],
  'book-visit': ['代理予約', 'booked for a resident'],
  'move-booking': ['予約変更（代理）', 'moved a booking'],
  'cancel-booking': ['予約取消（代理）', 'cancelled a booking'],
};

let officeInfo = null;
let lastStatus = null;
const counterViews = new Map(); // counter -> GET counterView (staffId, queues, current)
let busy = false;
let auditTimer = null;
let live = null;
let countersKey = null;

const alertMinutes = () => Number(lastStatus?.alertMinutes ?? officeInfo?.calling?.waitAlertMinutes ?? 0);

function timeText(value, withSeconds = false) {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('ja-JP', {
    timeZone: officeInfo?.timeZone || 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, hour12: false,
  }).format(d);
}

function info(ja, en, kind = 'ok') {
  messageEl.dataset.kind = kind;
  showMessage(messageEl, [ja, ' ', h('small', {}, en)], { ok: kind === 'ok' });
}

function problem(err, ja, en) {
  messageEl.dataset.kind = 'error';
  staffProblem(messageEl, err, ja, en);
}

// ------------------------------------------------------------------ queues and alert

function isHot(w, limit) {
  if (!w || !(limit > 0) || !(Number(w.count) > 0)) return false;
  return Number(w.longestWaitMinutes ?? 0) >= limit || Number(w.waitP90 ?? 0) >= limit;
}

function renderQueues() {
  const waiting = Array.isArray(lastStatus?.waiting) ? lastStatus.waiting : [];
  const limit = alertMinutes();
  const queues = [...(officeInfo?.queues ?? [])];
  for (const w of waiting) if (!queues.some((q) => String(q.id) === String(w.queue))) queues.push({ id: w.queue });

  setContent(el('threshold'), limit > 0 ? [`警告のしきい値 ${limit}分 `, h('small', {}, `alert at ${limit} min`)] : []);

  const hot = [];
  setContent(
    queueTiles,
    queues.map((q) => {
      const w = waiting.find((x) => String(x.queue) === String(q.id));
      const count = Number(w?.count ?? 0);
      const alert = isHot(w, limit);
      const range = count > 0 ? waitRangeText(w?.waitP50, w?.waitP90, w?.estimatedWaitMinutes) : null;
      const longest = count > 0 && w?.longestWaitMinutes !== undefined && w?.longestWaitMinutes !== null ? Math.round(Number(w.longestWaitMinutes)) : null;
      if (alert) hot.push({ q, w, longest });
      const serving = (officeInfo?.counters ?? [])
        .filter((c) => (c.queues ?? []).map(String).includes(String(q.id)))
        .filter((c) => stateOf(c.number) === 'open')
        .map((c) => c.number);
      return h(
        'article',
        {
          class: `queue-tile${alert ? ' is-alert' : ''}`,
          dataset: { testid: `queue-tile-${q.id}`, queue: q.id, count: String(count), alert: alert ? 'true' : 'false' },
        },
        h('h3', {}, h('span', { class: 'qt-id' }, String(q.id)), ` ${nameText(q.name, 'ja')} `, h('small', {}, nameText(q.name, 'en'))),
        h('div', { class: 'qt-count' }, h('span', { class: 'num' }, String(count)), ' 人待ち ', h('small', {}, 'waiting')),
        h(
          'dl',
          { class: 'qt-facts' },
          h('div', {}, h('dt', {}, '待ち時間 ', h('small', {}, 'P50–P90')), h('dd', { dataset: { testid: `wait-range-${q.id}` } }, range ? [`${range.ja} `, h('small', {}, range.en)] : '—')),
          h('div', {}, h('dt', {}, '最長 ', h('small', {}, 'Longest')), h('dd', { dataset: { testid: `longest-${q.id}` } }, longest !== null ? [`${longest}分 `, h('small', {}, 'min')] : '—')),
          h('div', {}, h('dt', {}, '開いている窓口 ', h('small', {}, 'Open counters')), h('dd', {}, serving.length ? [serving.map((n) => `${n}番`).join('・'), ' ', h('small', {}, `(${serving.length})`)] : h('span', { class: 'warn' }, 'なし ', h('small', {}, 'none')))),
        ),
        alert ? h('p', { class: 'qt-alert' }, `⚠ ${limit}分を超えています `, h('small', {}, `over ${limit} min`)) : null,
      );
    }),
  );

  alertEl.hidden = hot.length === 0;
  alertEl.dataset.queues = hot.map((x) => x.q.id).join(' ');
  if (hot.length) {
    setContent(
      alertEl,
      h('span', { class: 'alert-icon', 'aria-hidden': 'true' }, '⚠'),
      h(
        'span',
        { class: 'alert-text' },
        h('strong', {}, `待ち時間が${limit}分を超えています: `),
        hot.map(({ q, w, longest }) => `${q.id} ${nameText(q.name, 'ja')}（${w.count}人, 最長 ${longest ?? '?'}分, P90 ${Math.round(Number(w.waitP90 ?? 0))}分）`).join('、'),
        h('br'),
        h('small', {}, `Waits over ${limit} min: ${hot.map(({ q, longest }) => `${q.id} ${nameText(q.name, 'en')} (longest ${longest ?? '?'} min)`).join(', ')} — consider opening another counter / 窓口を増やしてください`),
      ),
    );
  }
}

// ------------------------------------------------------------------ counters

function liveCounter(number) {
  return (lastStatus?.counters ?? []).find((c) => String(c.counter) === String(number)) ?? null;
}

function stateOf(number) {
  return liveCounter(number)?.state ?? counterViews.get(String(number))?.state ?? 'closed';
}

function servingOf(number) {
  const lc = liveCounter(number);
  if (lc) return lc.number ?? null;
  const fromServing = (lastStatus?.nowServing ?? []).find((s) => String(s.counter) === String(number));
  return fromServing?.number ?? counterViews.get(String(number))?.current?.number ?? null;
}

function renderCounters() {
  const numbers = (officeInfo?.counters ?? []).map((c) => String(c.number));
  for (const c of lastStatus?.counters ?? []) if (!numbers.includes(String(c.counter))) numbers.push(String(c.counter));
  setContent(
    counterTiles,
    numbers.map((number) => {
      const cfg = (officeInfo?.counters ?? []).find((c) => String(c.number) === number);
      const view = counterViews.get(number);
      const state = stateOf(number);
      const serving = servingOf(number);
      const [ja, en] = COUNTER_STATE[state] ?? [state, state];
      const queues = (view?.queues ?? cfg?.queues ?? []).map(String);
      const button = (action, bja, ben, disabled) => h(
        'button',
        {
          class: `btn btn-small${action === 'open' ? ' btn-ok' : action === 'close' ? ' btn-danger' : ''}`,
          type: 'button',
          dataset: { testid: `${action}-${number}` },
          disabled: busy || disabled,
          onclick: () => setCounterState(number, action),
        },
        bja,
        h('small', {}, ben),
      );
      return h(
        'article',
        { class: `counter-tile is-${state}`, dataset: { testid: `counter-tile-${number}`, counter: number, state, number: serving ?? '' } },
        h(
          'div',
          { class: 'ct-head' },
          h('h3', {}, `${nameText(cfg?.name, 'ja') || `${number}番窓口`} `, h('small', {}, nameText(cfg?.name, 'en') || `Counter ${number}`)),
          h('span', { class: 'counter-state', dataset: { state } }, `${ja} `, h('small', {}, en)),
        ),
        h('div', { class: `ct-number${serving ? '' : ' is-empty'}` }, serving ?? '—'),
        h(
          'p',
          { class: 'ct-meta' },
          '列 ', h('small', {}, 'Queues '), h('strong', {}, queues.join(', ') || '—'),
          view?.staffId ? ['　担当 ', h('small', {}, 'Staff '), h('strong', { dataset: { testid: `staff-${number}` } }, view.staffId)] : null,
        ),
        h(
          'div',
          { class: 'ct-actions' },
          button('open', '開く', 'Open', state === 'open'),
          button('pause', '休憩', 'Pause', state === 'paused'),
          button('close', '閉じる', 'Close', state === 'closed'),
        ),
      );
    }),
  );
}

async function loadCounters() {
  try {
    const { data } = await staffApi(paths.counters(office));
    counterViews.clear();
    for (const v of Array.isArray(data) ? data : []) counterViews.set(String(v.counter), v);
  } catch (err) {
    if (err?.status !== 401) problem(err, '窓口の一覧を読み込めません', 'Cannot load the counters');
  }
  renderCounters();
  renderQueues();
}

async function setCounterState(number, action) {
  if (busy) return;
  busy = true;
  renderCounters();
  const [ja, en] = { open: ['開きました', 'opened'], pause: ['休憩にしました', 'paused'], close: ['閉じました', 'closed'] }[action];
  try {
    const { data } = await staffApi(paths.counterAction(office, number, action), { method: 'POST' });
    if (data) counterViews.set(String(number), data);
    info(`${number}番窓口を${ja}`, `Counter ${number} ${en}`);
  } catch (err) {
    problem(err, `${number}番窓口の状態を変えられませんでした`, `Could not ${action} counter ${number}`);
  } finally {
    busy = false;
    renderCounters();
    renderQueues();
    refreshAudit();
  }
}

// ------------------------------------------------------------------ audit

async function refreshAudit() {
  clearTimeout(auditTimer);
  if (document.body.dataset.signedIn !== 'true') return;
  try {
    const { data } = await staffApi(paths.audit(office, 50));
    const rows = Array.isArray(data) ? data : [];
    setContent(
      auditEl,
      rows.length
        ? rows.map((a) => {
          const [aja, aen] = ACTION_TEXT[a.action] ?? [a.action ?? '', ''];
          return h(
            'tr',
            { dataset: { testid: 'audit-row', action: a.action ?? '', counter: a.counter ?? '', number: a.number ?? '' } },
            h('td', {}, timeText(a.at, true)),
            h('td', {}, a.staffId ?? ''),
            h('td', {}, `${aja} `, aen && aen !== aja ? h('small', {}, aen) : null),
            h('td', {}, a.counter ?? ''),
            h('td', { class: 'audit-number', title: a.detail ?? '' }, a.number ?? ''),
          );
        })
        : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, '記録はまだありません ', h('small', {}, 'No entries yet'))),
    );
    setContent(el('audit-updated'), `${timeText(new Date(), true)} 更新 `, h('small', {}, 'updated'));
  } catch (err) {
    if (err?.status !== 401) {
      setContent(el('audit-updated'), h('span', { class: 'warn' }, err?.status === 403 ? '権限がありません / Not allowed' : '読み込めません / Cannot load'));
    }
  }
  if (document.body.dataset.signedIn === 'true') auditTimer = setTimeout(refreshAudit, AUDIT_EVERY_MS);
}

// ------------------------------------------------------------------ notifications

const MILESTONE_TEXT = {
  'ticket-issued': ['受付', 'Ticket issued'],
  approaching: ['まもなく', 'Turn near'],
  called: ['呼び出し', 'Called'],
  'no-show': ['不在', 'No-show'],
  'thank-you': ['お礼・アンケート', 'Thank-you'],
  'booking-confirmed': ['予約受付', 'Booked'],
  'booking-changed': ['予約変更', 'Moved'],
  'booking-cancelled': ['予約取消', 'Cancelled'],
  'reminder-day-before': ['前日のお知らせ', 'Day before'],
  'reminder-hour-before': ['1時間前のお知らせ', 'Hour before'],
  linked: ['LINE 連携', 'Linked'],
};
const STATUS_TEXT = {
  queued: ['受付', 'queued'], sent: ['送信済み', 'sent'], retrying: ['再送待ち', 'retrying'], failed: ['失敗', 'failed'], fallback: ['メールへ切替', 'to e-mail'],
};
let notifyTimer = null;

async function refreshNotifications() {
  clearTimeout(notifyTimer);
  if (document.body.dataset.signedIn !== 'true') return;
  const subject = el('notify-subject').value.trim();
  try {
    const { data } = await staffApi(`/api/offices/${encodeURIComponent(office)}/notifications${subject ? `?subject=${encodeURIComponent(subject)}` : ''}`);
    el('notify-sent').textContent = data.sent;
    el('notify-retried').textContent = data.retried;
    el('notify-failed').textContent = data.failed;
    el('notify-failed-box').dataset.failed = String(data.failed);
    const answers = Object.entries(data.survey ?? {});
    const count = answers.reduce((n, [, c]) => n + c, 0);
    el('notify-survey').textContent = count ? `${(answers.reduce((n, [r, c]) => n + Number(r) * c, 0) / count).toFixed(1)} / 5 (${count})` : '–';
    const rows = (data.entries ?? []).slice(0, 50);
    setContent(
      el('notify-log'),
      rows.length
        ? rows.map((e) => {
          const [mja, men] = MILESTONE_TEXT[e.milestone.split('@')[0]] ?? [e.milestone, ''];
          const [sja, sen] = STATUS_TEXT[e.status] ?? [e.status, ''];
          return h(
            'tr',
            { dataset: { testid: 'notify-row', status: e.status }, class: `notify-${e.status}` },
            h('td', {}, timeText(e.at, true)),
            h('td', { class: 'audit-number' }, e.subject),
            h('td', {}, `${mja} `, h('small', {}, men)),
            h('td', {}, e.channel === 'line' ? 'LINE' : 'メール', h('small', {}, e.channel === 'line' ? '' : ' e-mail')),
            h('td', {}, `${sja} `, h('small', {}, sen), e.reason ? h('div', { class: 'notify-reason' }, e.reason) : null),
          );
        })
        : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, '送信はまだありません ', h('small', {}, 'Nothing sent yet'))),
    );
    setContent(el('notify-updated'), `${timeText(new Date(), true)} 更新 `, h('small', {}, 'updated'));
  } catch (err) {
    if (err?.status !== 401) {
      setContent(el('notify-updated'), h('span', { class: 'warn' }, err?.status === 403 ? '権限がありません / Not allowed' : '読み込めません / Cannot load'));
    }
  }
  if (document.body.dataset.signedIn === 'true') notifyTimer = setTimeout(refreshNotifications, AUDIT_EVERY_MS);
}

el('notify-filter').addEventListener('submit', (e) => {
  e.preventDefault();
  refreshNotifications();
});

// ------------------------------------------------------------------ live

function applyStatus(status) {
  lastStatus = status;
  renderQueues();
  renderCounters();
  // Staff on the counters changed something: the audit log has new lines, staff ids may have changed.
  const key = JSON.stringify((status.counters ?? []).map((c) => [c.counter, c.state]));
  if (countersKey !== null && key !== countersKey) loadCounters();
  countersKey = key;
  // Every change is a staff action or a resident's: read the audit log soon (it is also read every 10 s).
  if (document.body.dataset.signedIn === 'true') {
    clearTimeout(auditTimer);
    auditTimer = setTimeout(refreshAudit, 1000);
  }
}

async function main() {
  officeInfo = await loadOffice(office, (err) => problem(err, '窓口の情報を読み込めません', 'Cannot load the office'));
  messageEl.replaceChildren();
  showOfficeName(officeInfo, '監督者ボード');
  setZone(officeInfo.timeZone);
  renderQueues();
  renderCounters();
  setupSignIn({
    roles: ['supervisor', 'admin'],
    roleHint: { ja: 'この画面には監督者のアカウントが必要です', en: 'This board needs a supervisor account' },
    onSignedIn: async () => {
      await loadCounters();
      refreshAudit();
      refreshNotifications();
      live ??= startLive({
        query: { office },
        event: 'queueStatus',
        onMessage: applyStatus,
        onLiveChange: (isLive) => isLive && loadCounters(),
      });
    },
    onSignedOut: () => {
      clearTimeout(auditTimer);
      clearTimeout(notifyTimer);
      auditEl.replaceChildren();
      el('notify-log').replaceChildren();
    },
  });
}

main().catch(() => {});
