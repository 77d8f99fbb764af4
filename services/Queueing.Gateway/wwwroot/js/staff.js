// Staff console: staff.html?office=demo&counter=1 (sign-in required).
import {
  officeId, param, loadOffice, paths, h, setContent, startClock, showOfficeName, showMessage, nameText,
  waitRangeText,
} from './api.js';
import { staffApi, staffProblem, setupSignIn } from './auth.js';
import { startLive } from './live.js';

const office = officeId();
const el = (id) => document.getElementById(id);
const select = el('counter-select');
const stateEl = el('counter-state');
const numberEl = el('current-number');
const curStateEl = el('current-state');
const priorityEl = el('current-priority');
const recallsEl = el('current-recalls');
const waitedEl = el('current-waited');
const procsEl = el('current-procedures');
const bringEl = el('current-bring');
const messageEl = el('staff-message');
const waitingEl = el('staff-waiting');
const historyEl = el('history');
const listPanel = el('ticket-list-panel');
const listEl = el('ticket-list');
const transferSelect = el('transfer-queue');
const buttons = {
  open: el('open-btn'),
  pause: el('pause-btn'),
  close: el('close-btn'),
  callNext: el('call-next-btn'),
  recall: el('recall-btn'),
  start: el('start-btn'),
  complete: el('complete-btn'),
  completeNext: el('complete-next-btn'),
  noShow: el('no-show-btn'),
  return: el('return-btn'),
  park: el('park-btn'),
  transfer: el('transfer-btn'),
  callSpecific: el('call-specific-btn'),
};
const setZone = startClock(el('clock'));

const PRIORITY = {
  booking: ['予約', 'Booking'],
  assistance: ['要支援', 'Assistance'],
  walkin: ['通常', 'Walk-in'],
};
const TICKET_STATE = {
  called: ['呼出中', 'Called'],
  serving: ['受付中', 'Serving'],
  waiting: ['待ち', 'Waiting'],
  parked: ['保留中', 'Parked'],
};
const COUNTER_STATE = {
  open: ['開いています', 'Open'],
  paused: ['休憩中', 'Paused'],
  closed: ['閉じています', 'Closed'],
};

let officeInfo = null;
let counter = param('counter');
let counterView = null; // GET /counters/{c}: { state, queues, staffId, current }
let lastStatus = null;
let busy = false;
let refreshTimer = null;
let listTimer = null;
let lastCounterKey = null; // this counter's entry in the last queueStatus
let live = null;
let listOpen = false;
let lists = { waiting: [], parked: [] };

// ------------------------------------------------------------------ helpers

const recallsNeeded = () => Number(officeInfo?.calling?.recallsBeforeNoShow ?? 2);
const procedureInfo = (code) => officeInfo?.procedures?.find((p) => p.code === code) ?? null;
const queueInfo = (id) => officeInfo?.queues?.find((q) => String(q.id) === String(id)) ?? null;
const counterInfo = (number = counter) => officeInfo?.counters?.find((c) => String(c.number) === String(number));

function myQueues() {
  const fromView = Array.isArray(counterView?.queues) ? counterView.queues : null;
  return (fromView ?? counterInfo()?.queues ?? []).map(String);
}

function procName(code, lang = 'ja') {
  const p = procedureInfo(code);
  return p ? nameText(p.name, lang) : String(code ?? '');
}

function timeText(date = new Date()) {
  return new Intl.DateTimeFormat('ja-JP', {
    timeZone: officeInfo?.timeZone || 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(date);
}

function log(text) {
  historyEl.prepend(h('li', {}, h('time', {}, timeText()), text));
  while (historyEl.children.length > 15) historyEl.lastElementChild.remove();
}

function info(ja, en, kind = 'ok') {
  messageEl.dataset.kind = kind;
  showMessage(messageEl, [ja, ' ', h('small', {}, en)], { ok: kind === 'ok' });
}

function problem(err, ja, en) {
  messageEl.dataset.kind = 'error';
  staffProblem(messageEl, err, ja, en);
  const why = err?.isNetwork ? 'サーバーに接続できません' : err?.status === 403 ? 'この窓口の権限がありません' : err?.detail || err?.title || '';
  log(`${ja} / ${en}${why ? ` — ${why}` : ''}`);
}

// ------------------------------------------------------------------ rendering

function renderCounter() {
  const state = counterView?.state ?? '';
  stateEl.dataset.state = state;
  const [ja, en] = COUNTER_STATE[state] ?? ['—', 'unknown'];
  setContent(stateEl, `${ja} `, h('small', {}, en));
  const info = counterInfo();
  el('counter-title-text').textContent = info ? nameText(info.name, 'ja') || `${counter}番窓口` : `${counter}番窓口`;
  el('counter-title-en').textContent = `${info ? nameText(info.name, 'en') || `Counter ${counter}` : `Counter ${counter}`} · ${myQueues().join(', ')}`;
  renderCurrent();
  renderWaiting();
  renderTransferChoices();
  updateButtons();
}

function renderCurrent() {
  const t = counterView?.current ?? null;
  const number = t?.number ?? null;
  numberEl.textContent = number ?? '—';
  numberEl.dataset.number = number ?? '';
  numberEl.classList.toggle('is-empty', !number);

  curStateEl.hidden = !t;
  curStateEl.dataset.state = t?.state ?? '';
  const st = TICKET_STATE[t?.state] ?? [t?.state ?? '', ''];
  setContent(curStateEl, t ? [`${st[0]} `, h('small', {}, st[1])] : []);

  priorityEl.hidden = !t;
  priorityEl.dataset.priority = t?.priority ?? '';
  const pr = PRIORITY[t?.priority] ?? PRIORITY.walkin;
  setContent(priorityEl, t ? [`${pr[0]} `, h('small', {}, pr[1])] : []);

  const recalls = Number(t?.recalls ?? 0);
  const needed = recallsNeeded();
  recallsEl.dataset.recalls = t ? String(recalls) : '';
  recallsEl.dataset.needed = String(needed);
  setContent(
    recallsEl,
    t ? [`${recalls} 回`, h('br'), h('small', { class: 'facts-note' }, `不在は${needed}回から / no-show after ${needed}`)] : '—',
  );
  const waited = t?.waitedMinutes;
  waitedEl.dataset.minutes = t && waited !== undefined && waited !== null ? String(waited) : '';
  setContent(waitedEl, t && waited !== undefined && waited !== null ? [`${Math.round(waited)} 分 `, h('small', {}, 'min')] : '—');

  const codes = Array.isArray(t?.procedures) && t.procedures.length ? t.procedures : t?.currentProcedure ? [t.currentProcedure] : [];
  const currentCode = t?.currentProcedure ?? codes[0] ?? null;
  const currentIndex = codes.indexOf(currentCode);
  setContent(
    procsEl,
    codes.map((code, i) => {
      const p = procedureInfo(code);
      const isCurrent = code === currentCode;
      return h(
        'li',
        {
          class: isCurrent ? 'is-current' : i < currentIndex ? 'is-done' : '',
          dataset: { code, current: isCurrent ? 'true' : 'false' },
          'aria-current': isCurrent ? 'step' : null,
        },
        h('span', { class: 'proc-q' }, String(p?.queue ?? '')),
        ` ${procName(code, 'ja')} `,
        h('small', {}, `${procName(code, 'en')}${p?.minutes ? ` · ${p.minutes} min` : ''}`),
        i < currentIndex ? h('small', { class: 'proc-done' }, ' 済 done') : null,
      );
    }),
  );

  el('current-details').hidden = !t;
  const bring = procedureInfo(currentCode)?.bring ?? [];
  setContent(
    bringEl,
    !t ? [] : bring.length
      ? bring.map((b) => h('li', {}, `${nameText(b, 'ja')} `, h('small', {}, nameText(b, 'en'))))
      : h('li', { class: 'muted' }, '特になし ', h('small', {}, 'nothing to check')),
  );
}

function renderTransferChoices() {
  const t = counterView?.current;
  const prev = transferSelect.value;
  const queues = officeInfo?.queues ?? [];
  const choices = queues.filter((q) => !t || String(q.id) !== String(t.queue));
  setContent(
    transferSelect,
    choices.map((q) => h('option', { value: q.id, title: nameText(q.name, 'en') }, `${q.id}: ${nameText(q.name, 'ja')}`)),
  );
  if (choices.some((q) => String(q.id) === prev)) transferSelect.value = prev;
}

function renderWaiting() {
  const mine = myQueues();
  const waiting = Array.isArray(lastStatus?.waiting) ? lastStatus.waiting : [];
  const alert = Number(lastStatus?.alertMinutes ?? officeInfo?.calling?.waitAlertMinutes ?? 0);
  const queues = [...(officeInfo?.queues ?? [])];
  for (const w of waiting) if (!queues.some((q) => String(q.id) === String(w.queue))) queues.push({ id: w.queue });
  queues.sort((a, b) => Number(mine.includes(String(b.id))) - Number(mine.includes(String(a.id))));
  setContent(
    waitingEl,
    queues.map((q) => {
      const w = waiting.find((x) => String(x.queue) === String(q.id));
      const count = Number(w?.count ?? 0);
      const range = count > 0 ? waitRangeText(w?.waitP50, w?.waitP90, w?.estimatedWaitMinutes) : null;
      const longest = count > 0 ? Number(w?.longestWaitMinutes ?? NaN) : NaN;
      const hot = alert > 0 && (longest >= alert || Number(w?.waitP90 ?? 0) >= alert);
      return h(
        'li',
        {
          class: `${mine.includes(String(q.id)) ? 'is-mine' : ''} ${hot ? 'is-alert' : ''}`.trim(),
          dataset: { testid: `staff-waiting-${q.id}`, queue: q.id, count: String(count) },
        },
        h('span', { class: 'sw-name' }, `${q.id}: ${nameText(q.name, 'ja')} `, h('small', {}, nameText(q.name, 'en'))),
        h('span', { class: 'sw-count' }, h('span', { class: 'num' }, String(count)), ' 人'),
        h(
          'span',
          { class: 'sw-range', dataset: { testid: `wait-range-${q.id}` } },
          range ? [`${range.ja} `, h('small', {}, range.en)] : count > 0 ? '' : h('small', {}, '—'),
          Number.isFinite(longest) && count > 0 ? h('small', { class: 'sw-longest' }, ` 最長 ${Math.round(longest)}分 / longest ${Math.round(longest)} min`) : null,
        ),
      );
    }),
  );
}

function updateButtons() {
  const t = counterView?.current ?? null;
  const state = counterView?.state ?? '';
  const ticketState = t?.state ?? null;
  const enough = Number(t?.recalls ?? 0) >= recallsNeeded();
  const signedIn = document.body.dataset.signedIn === 'true';
  const can = {
    open: state !== 'open',
    pause: state !== 'paused',
    close: state !== 'closed',
    callNext: !t,
    recall: ticketState === 'called',
    start: ticketState === 'called',
    complete: !!t,
    completeNext: !!t,
    noShow: ticketState === 'called' && enough,
    return: !!t,
    park: !!t,
    transfer: !!t && transferSelect.options.length > 0,
    callSpecific: true,
  };
  for (const [name, b] of Object.entries(buttons)) b.disabled = busy || !signedIn || !counterView || !can[name];
  transferSelect.disabled = busy || !t;
  // The obvious next step gets a yellow outline.
  buttons.open.classList.toggle('is-suggested', state !== 'open' && !!counterView);
  buttons.callNext.classList.toggle('is-suggested', state === 'open' && !t);
  buttons.start.classList.toggle('is-suggested', ticketState === 'called');
  buttons.complete.classList.toggle('is-suggested', ticketState === 'serving');
  const needed = recallsNeeded();
  buttons.noShow.title = enough ? '' : `再呼出が ${needed} 回になると不在にできます / Possible after ${needed} recalls`;
  for (const row of listEl.querySelectorAll('button')) row.disabled = busy || !signedIn;
}

function renderList() {
  const mine = myQueues();
  const rows = (kind, items) => items.map((t) => {
    const p = PRIORITY[t.priority] ?? PRIORITY.walkin;
    const code = t.currentProcedure ?? t.procedures?.[0];
    return h(
      'li',
      { class: 'ticket-row', dataset: { testid: `ticket-row-${t.number}`, number: t.number, state: kind } },
      h('span', { class: 'tr-number' }, t.number),
      h('span', { class: 'priority-badge', dataset: { priority: t.priority ?? 'walkin' } }, p[0]),
      h('span', { class: 'tr-proc' }, code ? procName(code, 'ja') : `${t.queue ?? ''}`, ' ', h('small', {}, code ? procName(code, 'en') : '')),
      h('span', { class: 'tr-wait' }, t.waitedMinutes !== undefined && t.waitedMinutes !== null ? [`${Math.round(t.waitedMinutes)}分 `, h('small', {}, 'waited')] : ''),
      h(
        'span',
        { class: 'tr-actions' },
        h('button', { class: 'btn btn-small btn-primary', type: 'button', dataset: { testid: 'call' }, onclick: () => callSpecific(t.number) }, '呼ぶ', h('small', {}, 'Call')),
        kind === 'parked'
          ? h('button', { class: 'btn btn-small', type: 'button', dataset: { testid: 'unpark' }, onclick: () => unpark(t.number) }, '保留解除', h('small', {}, 'Unpark'))
          : null,
      ),
    );
  });
  const waiting = lists.waiting.filter((t) => !mine.length || mine.includes(String(t.queue)));
  setContent(
    listEl,
    h('h3', {}, `お待ちの方 (${waiting.length}) `, h('small', {}, `Waiting in ${mine.join(', ')}`)),
    waiting.length ? h('ul', { class: 'ticket-rows' }, rows('waiting', waiting.slice(0, 100))) : h('p', { class: 'muted' }, 'いません ', h('small', {}, 'none')),
    h('h3', {}, `保留中 (${lists.parked.length}) `, h('small', {}, 'Parked')),
    lists.parked.length ? h('ul', { class: 'ticket-rows' }, rows('parked', lists.parked)) : h('p', { class: 'muted' }, 'いません ', h('small', {}, 'none')),
  );
  updateButtons();
}

// ------------------------------------------------------------------ server calls

async function refreshCounter() {
  if (!counter || document.body.dataset.signedIn !== 'true') return;
  try {
    const { data } = await staffApi(paths.counter(office, counter));
    counterView = data;
  } catch (err) {
    if (err?.status !== 401) problem(err, '窓口の状態を読み込めません', 'Cannot load the counter');
  }
  renderCounter();
}

function scheduleRefresh(ms = 250) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshCounter, ms);
}

async function refreshList() {
  if (!listOpen || document.body.dataset.signedIn !== 'true') return;
  try {
    const [waiting, parked] = await Promise.all([
      staffApi(paths.officeTickets(office, 'waiting')),
      staffApi(paths.officeTickets(office, 'parked')),
    ]);
    lists = { waiting: Array.isArray(waiting.data) ? waiting.data : [], parked: Array.isArray(parked.data) ? parked.data : [] };
  } catch (err) {
    if (err?.status !== 401) problem(err, '一覧を読み込めません', 'Cannot load the ticket list');
  }
  renderList();
}

function scheduleList(ms = 400) {
  if (!listOpen) return;
  clearTimeout(listTimer);
  listTimer = setTimeout(refreshList, ms);
}

/**
 * One button press: buttons locked while it runs, the counter re-read afterwards. A key pressed while an
 * action is still running is not lost: the latest one runs right after (a busy counter types ahead).
 */
let pending = null;
async function run(action) {
  if (!counter || document.body.dataset.signedIn !== 'true') return;
  if (busy) {
    pending = action;
    return;
  }
  busy = true;
  updateButtons();
  try {
    await action();
  } finally {
    busy = false;
    renderCounter();
    scheduleRefresh(150);
    scheduleList(150);
    if (pending) {
      const next = pending;
      pending = null;
      await run(next);
    }
  }
}

const post = (action, body) => staffApi(paths.counterAction(office, counter, action), { method: 'POST', body });

function setCurrent(ticket) {
  counterView = { ...(counterView ?? {}), current: ticket && ['called', 'serving'].includes(ticket.state) ? ticket : null };
}

function counterStateAction(action, ja, en, failJa) {
  return () => run(async () => {
    try {
      const { data } = await post(action);
      if (data) counterView = data;
      info(`${counter}番窓口を${ja}`, `Counter ${counter} ${en}`);
      log(`窓口を${ja} / ${en}`);
    } catch (err) {
      problem(err, failJa, `Could not ${action} the counter`);
    }
  });
}

const openCounter = counterStateAction('open', '開きました', 'is open', '窓口を開けませんでした');
const pauseCounter = counterStateAction('pause', '休憩にしました', 'is paused', '休憩にできませんでした');
const closeCounter = counterStateAction('close', '閉じました', 'is closed', '窓口を閉じられませんでした');

async function doCallNext() {
  try {
    const { status, data } = await post('call-next');
    if (status === 204 || !data) {
      info('お待ちの方はいません', 'Nobody is waiting', 'info');
      log('お待ちの方はいません / Nobody is waiting');
      return false;
    }
    setCurrent(data);
    info(`${data.number} 番をお呼びしました`, `Called ${data.number}`);
    log(`呼出 / Called ${data.number}`);
    return true;
  } catch (err) {
    problem(err, '呼び出しできませんでした', 'Could not call the next person');
    return false;
  }
}

const callNext = () => run(doCallNext);

function ticketAction(action, { body, ja, en, failJa, failEn, keep = false, after } = {}) {
  return () => run(async () => {
    const number = counterView?.current?.number ?? '';
    try {
      const { data } = await post(action, typeof body === 'function' ? body() : body);
      if (keep) setCurrent(data);
      else setCurrent(null);
      const n = data?.number ?? number;
      info(`${n} ${ja(data)}`, `${n}: ${en(data)}`);
      log(`${n} ${ja(data)} / ${en(data)}`);
      after?.(data);
    } catch (err) {
      problem(err, failJa, failEn);
    }
  });
}

const recall = ticketAction('recall', {
  keep: true,
  ja: (t) => `をもう一度お呼びしました（${t?.recalls ?? '?'}回目の再呼出）`,
  en: (t) => `called again (recall ${t?.recalls ?? '?'})`,
  failJa: '再呼出できませんでした',
  failEn: 'Could not recall',
});
const start = ticketAction('start', {
  keep: true, ja: () => 'の受付を開始しました', en: () => 'being served', failJa: '受付を開始できませんでした', failEn: 'Could not start',
});
const noShow = ticketAction('no-show', {
  ja: () => 'を不在にしました', en: () => 'marked as no-show', failJa: '不在にできませんでした', failEn: 'Could not mark as no-show',
});
const returnToQueue = ticketAction('return', {
  ja: () => 'を列に戻しました（受付順はそのまま）', en: () => 'returned to the queue (original arrival kept)', failJa: '列に戻せませんでした', failEn: 'Could not return to the queue',
});
const park = ticketAction('park', {
  ja: () => 'を保留にしました', en: () => 'parked', failJa: '保留にできませんでした', failEn: 'Could not park',
});
const transfer = ticketAction('transfer', {
  body: () => ({ queue: transferSelect.value }),
  ja: (t) => `を ${t?.queue ?? transferSelect.value} の列へ回送しました`,
  en: (t) => `transferred to queue ${t?.queue ?? transferSelect.value}`,
  failJa: '回送できませんでした',
  failEn: 'Could not transfer',
});

/** Completes the ticket at the counter; resolves to { ja, en } describing it, or null when it failed. */
async function doComplete() {
  const number = counterView?.current?.number ?? '';
  try {
    const { data } = await post('complete');
    const done = data?.completed ?? data;
    setCurrent(null);
    const n = done?.number ?? number;
    const next = data?.next ?? null;
    const q = next ? queueInfo(next.queue) : null;
    const text = next
      ? {
        ja: `${n} 完了。次の手続きへ: ${next.queue}${q ? ` ${nameText(q.name, 'ja')}` : ''}（${next.number}）`,
        en: `Completed ${n}; moved on to queue ${next.queue} as ${next.number}`,
      }
      : { ja: `${n} を完了しました`, en: `Completed ${n}` };
    info(text.ja, text.en);
    log(`完了 / Completed ${n}${next ? ` → ${next.queue} ${next.number}` : ''}`);
    return text;
  } catch (err) {
    problem(err, '完了できませんでした', 'Could not complete');
    return null;
  }
}

const complete = () => run(doComplete);
const completeAndNext = () => run(async () => {
  const done = await doComplete();
  if (!done) return;
  if (await doCallNext()) {
    const n = counterView?.current?.number ?? '';
    info(`${done.ja} → ${n} をお呼びしました`, `${done.en}; called ${n}`);
  }
});

const callSpecific = (number) => run(async () => {
  try {
    const { data } = await post('call', { number });
    setCurrent(data);
    info(`${data?.number ?? number} 番をお呼びしました`, `Called ${data?.number ?? number}`);
    log(`番号指定で呼出 / Called ${data?.number ?? number}`);
  } catch (err) {
    problem(err, `${number} を呼び出せませんでした`, `Could not call ${number}`);
  }
});

const unpark = (number) => run(async () => {
  try {
    const { data } = await staffApi(paths.unpark(office, number), { method: 'POST' });
    info(`${data?.number ?? number} の保留を解除しました（列に戻りました）`, `${data?.number ?? number} is waiting again`);
    log(`保留解除 / Unparked ${data?.number ?? number}`);
  } catch (err) {
    problem(err, `${number} の保留を解除できませんでした`, `Could not unpark ${number}`);
  }
});

function toggleList(open = !listOpen) {
  listOpen = open;
  listPanel.hidden = !open;
  buttons.callSpecific.setAttribute('aria-expanded', String(open));
  buttons.callSpecific.classList.toggle('is-pressed', open);
  if (open) {
    setContent(listEl, h('p', { class: 'muted' }, '読み込み中… ', h('small', {}, 'Loading…')));
    refreshList();
  }
}

buttons.open.addEventListener('click', openCounter);
buttons.pause.addEventListener('click', pauseCounter);
buttons.close.addEventListener('click', closeCounter);
buttons.callNext.addEventListener('click', callNext);
buttons.recall.addEventListener('click', recall);
buttons.start.addEventListener('click', start);
buttons.complete.addEventListener('click', complete);
buttons.completeNext.addEventListener('click', completeAndNext);
buttons.noShow.addEventListener('click', noShow);
buttons.return.addEventListener('click', returnToQueue);
buttons.park.addEventListener('click', park);
buttons.transfer.addEventListener('click', transfer);
buttons.callSpecific.addEventListener('click', () => toggleList());
el('list-close-btn').addEventListener('click', () => toggleList(false));
transferSelect.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    transferSelect.blur();
    transfer();
  } else if (e.key === 'Escape') {
    transferSelect.blur();
  }
});

// Shortcuts (not while typing in a field or choosing in a select; never with Ctrl/Alt/Meta).
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || document.body.dataset.signedIn !== 'true') return;
  const t = e.target;
  if (t instanceof HTMLElement && (t.closest('input, textarea, select') || t.isContentEditable)) return;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const actions = {
    n: callNext,
    ' ': callNext,
    r: recall,
    s: start,
    c: e.shiftKey ? completeAndNext : complete,
    x: noShow, // even while the button is disabled: the server's 409 says why
    q: returnToQueue,
    p: park,
    l: () => toggleList(),
    t: () => {
      if (!transferSelect.disabled) transferSelect.focus();
    },
  };
  const fn = actions[key];
  if (!fn) return;
  e.preventDefault(); // no page scroll, no activation of a focused button
  if (!e.repeat) fn();
});
document.addEventListener('keyup', (e) => {
  if (e.key === ' ' && e.target instanceof HTMLButtonElement) e.preventDefault();
});

// ------------------------------------------------------------------ counter selection

function fillSelect() {
  const counters = [...(officeInfo?.counters ?? [])];
  if (counter && !counters.some((c) => String(c.number) === counter)) counters.push({ number: counter, queues: [] });
  setContent(
    select,
    counters.map((c) => {
      const name = nameText(c.name, 'ja');
      const label = name && name.includes(String(c.number)) ? name : `${c.number}番窓口${name ? ` ${name}` : ''}`;
      return h('option', { value: c.number }, `${label}${c.queues?.length ? ` (${c.queues.join(', ')})` : ''}`);
    }),
  );
  select.value = counter;
}

async function selectCounter(value) {
  counter = String(value);
  const url = new URL(location.href);
  url.searchParams.set('office', office);
  url.searchParams.set('counter', counter);
  history.replaceState(null, '', url);
  document.title = `${counter}番窓口 — 窓口操作 / Staff console`;
  counterView = null;
  lastCounterKey = null;
  messageEl.replaceChildren();
  messageEl.className = 'message staff-message';
  messageEl.dataset.kind = '';
  renderCounter();
  await refreshCounter();
  scheduleList(0);
}

select.addEventListener('change', () => {
  selectCounter(select.value);
  select.blur(); // so that the shortcuts work right away
});

// ------------------------------------------------------------------ live

function applyStatus(status) {
  lastStatus = status;
  renderWaiting();
  const mine = (status.counters ?? []).find((c) => String(c.counter) === counter);
  const serving = (status.nowServing ?? []).find((s) => String(s.counter) === counter);
  const key = JSON.stringify([mine?.state ?? null, mine?.number ?? null, serving?.number ?? null, serving?.recalls ?? null]);
  // Something changed this counter elsewhere (a supervisor, another tab): read it again.
  if (lastCounterKey !== null && key !== lastCounterKey) scheduleRefresh();
  lastCounterKey = key;
  scheduleList(800);
}

// ------------------------------------------------------------------ main

async function main() {
  officeInfo = await loadOffice(office, (err) => problem(err, '窓口の情報を読み込めません', 'Cannot load the office'));
  messageEl.replaceChildren();
  messageEl.className = 'message staff-message';
  showOfficeName(officeInfo);
  setZone(officeInfo.timeZone);
  el('bookings-link').href = `staff-bookings.html?office=${encodeURIComponent(office)}`;
  if (!counter) counter = String(officeInfo.counters?.[0]?.number ?? '1');
  fillSelect();
  updateButtons();
  setupSignIn({
    roles: ['counter', 'supervisor', 'admin'],
    roleHint: { ja: 'この画面は職員用です', en: 'This screen is for staff' },
    onSignedIn: async () => {
      await selectCounter(counter);
      live ??= startLive({
        query: { office },
        event: 'queueStatus',
        onMessage: applyStatus,
        onLiveChange: (isLive) => {
          if (isLive) {
            scheduleRefresh();
            scheduleList();
          }
        },
      });
    },
    onSignedOut: () => {
      counterView = null;
      toggleList(false);
      renderCounter();
    },
  });
}

main().catch(() => {});
