// Lobby display: the latest calls (newest first, large), waiting per queue with wait ranges,
// chime + Japanese/English voice for every new call and every recall. Numbers only, never names.
import {
  officeId, loadOffice, h, bi, biName, setContent, waitRangeText, startClock, showOfficeName, showProblem, clearMessage,
} from './api.js';
import { startLive } from './live.js';
import * as announcer from './announce.js';

const office = officeId();
const callsEl = document.getElementById('calls');
const noCallsEl = document.getElementById('no-calls');
const waitingList = document.getElementById('waiting-list');
const errorEl = document.getElementById('lobby-error');
const announceEl = document.getElementById('announcement');
const soundBtn = document.getElementById('enable-sound');
const setZone = startClock(document.getElementById('clock'));

const MAX_CALLS = 8;
const FLASH_MS = 8000;
const LATE_ANNOUNCE_MS = 2 * 60_000; // after a reconnect, calls older than this are shown but not announced

let officeInfo = null;
let seen = null; // keys of the call entries already shown; null until the first snapshot (which is not announced)
let announced = 0;
const flashUntil = new Map(); // number -> time
let flashTimer = null;

soundBtn.addEventListener('click', async () => {
  soundBtn.hidden = true;
  await announcer.enable();
});

const time = (c) => Date.parse(c.calledAt) || 0;

/**
 * recentCalls (newest first). The server logs every call and every recall as its own entry; each entry not seen
 * before is announced once. Servers without recentCalls: nowServing, newest first.
 */
function entriesOf(status) {
  const list = Array.isArray(status.recentCalls)
    ? status.recentCalls
    : (Array.isArray(status.nowServing) ? [...status.nowServing].sort((a, b) => time(b) - time(a)) : []);
  return list.filter((c) => c && c.number);
}

/** What the screen lists: the newest entry per number (a recall replaces the earlier call of that number). */
function callsOf(entries) {
  const byNumber = new Map();
  for (const c of entries) if (!byNumber.has(c.number)) byNumber.set(c.number, c);
  return [...byNumber.values()].slice(0, MAX_CALLS);
}

const entryKey = (c) => `${c.counter}|${c.number}|${c.calledAt}|${Number(c.recalls ?? 0)}`;

function counterLabel(counter) {
  return [
    h('span', { class: 'cc-num' }, String(counter)),
    h('span', { class: 'cc-ja', lang: 'ja' }, '番窓口'),
    h('span', { class: 'en', lang: 'en' }, `Counter ${counter}`),
  ];
}

function recallBadge(c) {
  return Number(c.recalls ?? 0) > 0
    ? h('span', { class: 'recall-badge' }, '再呼出', h('span', { class: 'en', lang: 'en' }, 'Calling again'))
    : null;
}

function renderCalls(calls) {
  noCallsEl.hidden = calls.length > 0;
  const now = Date.now();
  const attrs = (c, i) => ({
    class: `${i === 0 ? 'call-hero is-newest' : 'call-item'}${(flashUntil.get(c.number) ?? 0) > now ? ' is-flashing' : ''}`,
    dataset: { testid: `recent-call-${i}`, number: c.number, counter: String(c.counter), recalls: String(c.recalls ?? 0) },
  });
  const [first, ...rest] = calls;
  setContent(
    callsEl,
    noCallsEl,
    first
      ? h(
        'div',
        attrs(first, 0),
        h('div', { class: 'call-number' }, first.number),
        h('div', { class: 'call-arrow', 'aria-hidden': 'true' }, '→'),
        h('div', { class: 'call-counter' }, counterLabel(first.counter)),
        recallBadge(first),
      )
      : null,
    rest.length
      ? h(
        'ol',
        { class: 'call-list', start: '2' },
        rest.map((c, i) => h(
          'li',
          attrs(c, i + 1),
          h('span', { class: 'call-number' }, c.number),
          h('span', { class: 'call-arrow', 'aria-hidden': 'true' }, '→'),
          h('span', { class: 'call-counter' }, counterLabel(c.counter)),
          recallBadge(c),
        )),
      )
      : null,
  );
}

function scheduleFlashEnd() {
  clearTimeout(flashTimer);
  const next = Math.min(...flashUntil.values());
  if (!Number.isFinite(next)) return;
  flashTimer = setTimeout(() => {
    const now = Date.now();
    for (const [n, until] of flashUntil) {
      if (until <= now) {
        flashUntil.delete(n);
        for (const e of callsEl.querySelectorAll('.is-flashing')) if (e.dataset.number === n) e.classList.remove('is-flashing');
      }
    }
    scheduleFlashEnd();
  }, Math.max(50, next - Date.now()));
}

function renderWaiting(waiting) {
  const byQueue = new Map(waiting.map((w) => [String(w.queue), w]));
  const queues = [...(officeInfo?.queues ?? [])];
  for (const w of waiting) if (!queues.some((q) => String(q.id) === String(w.queue))) queues.push({ id: w.queue });

  setContent(
    waitingList,
    queues.map((q) => {
      const w = byQueue.get(String(q.id));
      const count = Number(w?.count ?? 0);
      const range = count > 0 ? waitRangeText(w?.waitP50, w?.waitP90, w?.estimatedWaitMinutes) : null;
      return h(
        'li',
        { class: 'waiting-item', dataset: { testid: `waiting-${q.id}`, queue: q.id, count: String(count) } },
        h('div', { class: 'queue-name' }, h('span', { class: 'queue-id' }, String(q.id)), q.name ? biName(q.name) : bi('', '')),
        h(
          'div',
          { class: 'waiting-count' },
          h('span', { class: 'num' }, String(count)),
          h('span', { lang: 'ja' }, '人'),
          h('span', { class: 'en', lang: 'en' }, count === 1 ? ' person' : ' people'),
        ),
        h(
          'div',
          { class: 'waiting-eta', dataset: { testid: `wait-range-${q.id}` } },
          range
            ? [h('span', { class: 'eta-label', lang: 'ja' }, '待ち時間 '), h('span', { lang: 'ja' }, range.ja), h('span', { class: 'en', lang: 'en' }, range.en)]
            : '',
        ),
      );
    }),
  );
}

function say(c, recall) {
  flashUntil.set(c.number, Date.now() + FLASH_MS);
  announcer.announce(c.number, c.counter, (texts) => {
    announced += 1;
    announceEl.dataset.count = String(announced);
    announceEl.dataset.number = c.number;
    announceEl.dataset.recall = recall ? 'true' : 'false';
    announceEl.textContent = `${texts.ja} ${texts.en}`;
  }, { recall });
}

function apply(status, { snapshot }) {
  const entries = entriesOf(status);
  const calls = callsOf(entries);
  const waiting = Array.isArray(status.waiting) ? status.waiting : [];

  if (seen !== null) {
    const now = Date.now();
    // Oldest first, so that announcements come in the order the calls were made.
    for (const c of [...entries].reverse()) {
      if (seen.has(entryKey(c))) continue;
      const late = snapshot && now - time(c) > LATE_ANNOUNCE_MS; // after a reconnect: shown, not announced
      if (!late) say(c, Number(c.recalls ?? 0) > 0);
    }
  }
  seen = new Set(entries.map(entryKey));

  renderCalls(calls);
  renderWaiting(waiting);
  scheduleFlashEnd();
}

async function main() {
  officeInfo = await loadOffice(office, (err) => {
    showProblem(errorEl, err, { ja: '窓口の情報を読み込めません', en: 'Cannot load the office' });
  });
  clearMessage(errorEl);
  showOfficeName(officeInfo, 'ロビー表示');
  setZone(officeInfo.timeZone);
  renderCalls([]);
  renderWaiting([]);
  startLive({ query: { office }, event: 'queueStatus', onMessage: apply });
}

main().catch(() => {
  // loadOffice already shows the problem (e.g. 404: no such office)
});
