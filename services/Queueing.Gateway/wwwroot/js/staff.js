// Staff console: staff.html?office=demo&counter=1
import {
  officeId, param, loadOffice, api, paths, h, setContent, minutesText, startClock, showOfficeName,
  showProblem, showMessage, nameText, queueOfNumber,
} from './api.js';
import { startLive } from './live.js';

const office = officeId();
const el = (id) => document.getElementById(id);
const select = el('counter-select');
const stateEl = el('counter-state');
const numberEl = el('current-number');
const procEl = el('current-procedure');
const messageEl = el('staff-message');
const waitingEl = el('staff-waiting');
const procListEl = el('counter-procedures');
const historyEl = el('history');
const buttons = { open: el('open-btn'), callNext: el('call-next-btn'), complete: el('complete-btn') };
const setZone = startClock(el('clock'));

let officeInfo = null;
let counter = param('counter');
let counterState = null; // last GET/POST counter shape
// What is known about the called ticket: its queue (from call-next or the number's prefix) and
// its procedure code (only if the server sends one).
let current = { number: null, queue: '', procedure: null };
let lastStatus = null;
let busy = false;
let refreshTimer = null;
let lastServingKey = null; // this counter's entries in the last queueStatus

// ------------------------------------------------------------------ rendering

function counterInfo(number = counter) {
  return officeInfo?.counters?.find((c) => String(c.number) === String(number));
}

function myQueues() {
  const fromState = Array.isArray(counterState?.queues) ? counterState.queues : null;
  return (fromState ?? counterInfo()?.queues ?? []).map(String);
}

function renderCounter() {
  const state = counterState?.state ?? '';
  stateEl.dataset.state = state;
  setContent(
    stateEl,
    state === 'open' ? ['受付中 ', h('small', {}, 'Open')]
      : state === 'closed' ? ['閉じています ', h('small', {}, 'Closed')]
        : ['— ', h('small', {}, 'unknown')],
  );

  const number = counterState?.currentNumber ?? null;
  numberEl.textContent = number ?? '—';
  numberEl.dataset.number = number ?? '';
  numberEl.classList.toggle('is-empty', !number);
  if (current.number !== number) current = { number, queue: queueOfNumber(number), procedure: null };

  const proc = current.procedure && officeInfo?.procedures?.find((p) => p.code === current.procedure);
  const queue = officeInfo?.queues?.find((q) => String(q.id) === String(current.queue));
  if (!number) setContent(procEl);
  else if (proc) setContent(procEl, `${nameText(proc.name, 'ja')} `, h('small', {}, nameText(proc.name, 'en')));
  else if (queue) {
    const procs = (officeInfo?.procedures ?? []).filter((p) => String(p.queue) === String(queue.id));
    setContent(
      procEl,
      `${queue.id}: ${nameText(queue.name, 'ja')} `,
      h('small', {}, nameText(queue.name, 'en')),
      procs.length ? h('br') : null,
      procs.length ? h('small', {}, procs.map((p) => nameText(p.name, 'ja')).join('・')) : null,
    );
  } else setContent(procEl);

  // Emphasise the likely next action; every button stays usable (the server has the last word).
  buttons.open.classList.toggle('is-suggested', state === 'closed');
  buttons.callNext.classList.toggle('is-suggested', state === 'open' && !number);
  buttons.complete.classList.toggle('is-suggested', !!number);

  renderProcedures();
  renderWaiting();
}

function renderProcedures() {
  const mine = myQueues();
  const procs = (officeInfo?.procedures ?? []).filter((p) => mine.includes(String(p.queue)));
  setContent(
    procListEl,
    procs.map((p) => h('li', {}, `${p.queue}: ${nameText(p.name, 'ja')} `, h('small', {}, `${nameText(p.name, 'en')} · ${p.minutes ?? '?'} min`))),
  );
}

function renderWaiting() {
  const mine = myQueues();
  const waiting = Array.isArray(lastStatus?.waiting) ? lastStatus.waiting : [];
  const queues = [...(officeInfo?.queues ?? [])];
  for (const w of waiting) if (!queues.some((q) => String(q.id) === String(w.queue))) queues.push({ id: w.queue });
  // This counter's queues first.
  queues.sort((a, b) => Number(mine.includes(String(b.id))) - Number(mine.includes(String(a.id))));
  setContent(
    waitingEl,
    queues.map((q) => {
      const w = waiting.find((x) => String(x.queue) === String(q.id));
      const count = w?.count ?? 0;
      const eta = count > 0 ? minutesText(w?.estimatedWaitMinutes) : null;
      return h(
        'li',
        {
          class: mine.includes(String(q.id)) ? 'is-mine' : '',
          dataset: { testid: `staff-waiting-${q.id}`, queue: q.id, count: String(count) },
        },
        h('span', {}, `${q.id}: ${nameText(q.name, 'ja')} `, h('small', {}, nameText(q.name, 'en'))),
        h('span', {}, h('span', { class: 'num' }, String(count)), ' 人', eta ? h('small', {}, ` (${eta.ja})`) : null),
      );
    }),
  );
}

function log(text) {
  const now = new Date();
  const time = new Intl.DateTimeFormat('ja-JP', { timeZone: officeInfo?.timeZone || 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now);
  historyEl.prepend(h('li', {}, h('time', {}, time), text));
  while (historyEl.children.length > 12) historyEl.lastElementChild.remove();
}

function info(ja, en, kind = 'ok') {
  messageEl.dataset.kind = kind;
  showMessage(messageEl, [ja, ' ', h('small', {}, en)], { ok: kind === 'ok' });
}

function problem(err, ja, en) {
  messageEl.dataset.kind = 'error';
  showProblem(messageEl, err, { ja, en });
  const why = err?.isNetwork ? 'サーバーに接続できません' : err?.detail || err?.title || '';
  log(`${ja} / ${en}${why ? ` — ${why}` : ''}`);
}

// ------------------------------------------------------------------ server calls

async function refreshCounter() {
  try {
    const { data } = await api(paths.counter(office, counter));
    counterState = data;
  } catch (err) {
    counterState = null;
    problem(err, '窓口の状態を読み込めません', 'Cannot load the counter');
  }
  renderCounter();
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshCounter, 250);
}

async function run(action) {
  if (busy || !counter) return;
  busy = true;
  for (const b of Object.values(buttons)) b.disabled = true;
  try {
    await action();
  } finally {
    busy = false;
    for (const b of Object.values(buttons)) b.disabled = false;
  }
}

const openCounter = () => run(async () => {
  try {
    const { data } = await api(paths.counterAction(office, counter, 'open'), { method: 'POST' });
    if (data) counterState = data;
    info(`${counter}番窓口を開きました`, `Counter ${counter} is open`);
    log(`窓口を開く / Open`);
  } catch (err) {
    problem(err, '窓口を開けませんでした', 'Could not open the counter');
  }
  renderCounter();
});

const callNext = () => run(async () => {
  try {
    const { status, data } = await api(paths.counterAction(office, counter, 'call-next'), { method: 'POST' });
    if (status === 204 || !data) {
      info('お待ちの方はいません', 'Nobody is waiting', 'info');
      log('お待ちの方はいません / Nobody is waiting');
    } else {
      current = { number: data.number, queue: data.queue ?? queueOfNumber(data.number), procedure: data.procedure ?? null };
      counterState = { ...(counterState ?? {}), state: 'open', currentTicketId: data.ticketId, currentNumber: data.number };
      info(`${data.number} 番をお呼びしました`, `Called ${data.number}`);
      log(`呼び出し / Called ${data.number}`);
    }
  } catch (err) {
    problem(err, '呼び出しできませんでした', 'Could not call the next person');
  }
  renderCounter();
});

const complete = () => run(async () => {
  try {
    const { data } = await api(paths.counterAction(office, counter, 'complete'), { method: 'POST' });
    const number = data?.number ?? counterState?.currentNumber ?? '';
    counterState = { ...(counterState ?? {}), currentTicketId: null, currentNumber: null };
    info(`${number} 番を完了しました`, `Completed ${number}`);
    log(`完了 / Completed ${number}`);
  } catch (err) {
    problem(err, '完了できませんでした', 'Could not complete');
  }
  renderCounter();
});

buttons.open.addEventListener('click', openCounter);
buttons.callNext.addEventListener('click', callNext);
buttons.complete.addEventListener('click', complete);

// Shortcuts: N or Space = call next, C = complete (not while typing or choosing in the select).
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t instanceof HTMLElement && (t.closest('input, textarea, select') || t.isContentEditable)) return;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === 'n' || key === ' ') {
    e.preventDefault(); // no page scroll, no activation of a focused button
    if (!e.repeat) callNext();
  } else if (key === 'c') {
    e.preventDefault();
    if (!e.repeat) complete();
  }
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
  counterState = null;
  current = { number: null, queue: '', procedure: null };
  lastServingKey = null;
  messageEl.replaceChildren();
  messageEl.className = 'message staff-message';
  messageEl.dataset.kind = '';
  await refreshCounter();
}

select.addEventListener('change', () => {
  selectCounter(select.value);
  select.blur(); // so that N / Space / C work right away
});

// ------------------------------------------------------------------ main

function applyStatus(status) {
  lastStatus = status;
  renderWaiting();
  const serving = (status.nowServing ?? [])
    .filter((s) => String(s.counter) === counter)
    .map((s) => `${s.number}|${s.calledAt}`)
    .sort()
    .join(',');
  // The hub saw this counter change (another tab, another device): reload its state.
  if (lastServingKey !== null && serving !== lastServingKey) scheduleRefresh();
  lastServingKey = serving;
}

async function main() {
  officeInfo = await loadOffice(office, (err) => problem(err, '窓口の情報を読み込めません', 'Cannot load the office'));
  messageEl.replaceChildren();
  messageEl.className = 'message staff-message';
  showOfficeName(officeInfo);
  setZone(officeInfo.timeZone);
  if (!counter) counter = String(officeInfo.counters?.[0]?.number ?? '1');
  fillSelect();
  await selectCounter(counter);
  startLive({ query: { office }, event: 'queueStatus', onMessage: applyStatus, onLiveChange: (live) => live && scheduleRefresh() });
}

main().catch(() => {});
