// Lobby display: now serving per counter, waiting per queue, chime + speech on each new call.
import {
  officeId, loadOffice, h, bi, biName, setContent, minutesText, startClock, showOfficeName, showProblem, clearMessage,
} from './api.js';
import { startLive } from './live.js';
import * as announcer from './announce.js';

const office = officeId();
const grid = document.getElementById('serving-grid');
const waitingList = document.getElementById('waiting-list');
const errorEl = document.getElementById('lobby-error');
const announceEl = document.getElementById('announcement');
const soundBtn = document.getElementById('enable-sound');
const setZone = startClock(document.getElementById('clock'));

const FLASH_MS = 8000;

let officeInfo = null;
let seenCalls = null; // keys of calls already shown; null until the first snapshot (which is not announced)
const tiles = new Map(); // counter -> { tile, number }
const flashTimers = new Map();

soundBtn.addEventListener('click', async () => {
  soundBtn.hidden = true;
  await announcer.enable();
});

const byCounter = (a, b) => String(a).localeCompare(String(b), 'ja', { numeric: true });
const callKey = (s) => `${s.counter}|${s.number}|${s.calledAt}`;
const time = (s) => Date.parse(s.calledAt) || 0;

function counterInfo(counter) {
  return officeInfo?.counters?.find((c) => String(c.number) === String(counter));
}

function tileFor(counter) {
  let entry = tiles.get(counter);
  if (entry) return entry;
  const number = h('div', { class: 'tile-number', dataset: { testid: `serving-number-${counter}` } }, '—');
  const tile = h(
    'div',
    { class: 'serving-tile is-idle', dataset: { testid: `serving-${counter}`, counter } },
    h('div', { class: 'tile-counter' }, h('span', { lang: 'ja' }, `${counter}番窓口`), h('span', { class: 'en', lang: 'en' }, `Counter ${counter}`)),
    number,
  );
  const info = counterInfo(counter);
  if (info?.name) tile.title = `${info.name.ja ?? ''} ${info.name.en ?? ''}`.trim();
  entry = { tile, number };
  tiles.set(counter, entry);
  return entry;
}

function renderServing(nowServing) {
  const latestByCounter = new Map();
  for (const s of nowServing) {
    const key = String(s.counter);
    const prev = latestByCounter.get(key);
    if (!prev || time(s) >= time(prev)) latestByCounter.set(key, s);
  }
  const counters = new Set((officeInfo?.counters ?? []).map((c) => String(c.number)));
  for (const key of latestByCounter.keys()) counters.add(key);
  const ordered = [...counters].sort(byCounter);

  const n = Math.max(ordered.length, 1);
  const cols = n <= 1 ? 1 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
  grid.style.setProperty('--cols', String(cols));
  grid.style.setProperty('--rows', String(Math.ceil(n / cols)));

  let newest = null;
  for (const s of latestByCounter.values()) if (!newest || time(s) > time(newest)) newest = s;

  const els = [];
  for (const counter of ordered) {
    const { tile, number } = tileFor(counter);
    const serving = latestByCounter.get(counter);
    number.textContent = serving?.number ?? '—';
    tile.dataset.number = serving?.number ?? '';
    tile.classList.toggle('is-idle', !serving);
    tile.classList.toggle('is-newest', !!serving && serving === newest);
    els.push(tile);
  }
  setContent(grid, els);
}

function flash(counter) {
  const { tile } = tileFor(counter);
  tile.classList.remove('is-flashing');
  void tile.offsetWidth; // restart the animation
  tile.classList.add('is-flashing');
  clearTimeout(flashTimers.get(counter));
  flashTimers.set(counter, setTimeout(() => tile.classList.remove('is-flashing'), FLASH_MS));
}

function renderWaiting(waiting) {
  const byQueue = new Map(waiting.map((w) => [String(w.queue), w]));
  const queues = [...(officeInfo?.queues ?? [])];
  for (const w of waiting) if (!queues.some((q) => String(q.id) === String(w.queue))) queues.push({ id: w.queue });

  setContent(
    waitingList,
    queues.map((q) => {
      const w = byQueue.get(String(q.id));
      const count = w?.count ?? 0;
      const eta = count > 0 ? minutesText(w?.estimatedWaitMinutes) : null;
      return h(
        'li',
        { class: 'waiting-item', dataset: { testid: `waiting-${q.id}`, queue: q.id, count: String(count) } },
        h('div', { class: 'queue-name' }, q.name ? biName(q.name) : bi(String(q.id), '')),
        h(
          'div',
          { class: 'waiting-count' },
          h('span', { class: 'num' }, String(count)),
          h('span', { lang: 'ja' }, '人'),
          h('span', { class: 'en', lang: 'en' }, count === 1 ? ' person' : ' people'),
        ),
        h('div', { class: 'waiting-eta' }, eta ? [h('span', { lang: 'ja' }, eta.ja), h('span', { class: 'en', lang: 'en' }, eta.en)] : ''),
      );
    }),
  );
}

function apply(status) {
  const nowServing = Array.isArray(status.nowServing) ? status.nowServing : [];
  const waiting = Array.isArray(status.waiting) ? status.waiting : [];
  renderServing(nowServing);
  renderWaiting(waiting);

  const keys = new Set(nowServing.map(callKey));
  if (seenCalls !== null) {
    const fresh = nowServing.filter((s) => !seenCalls.has(callKey(s))).sort((a, b) => time(a) - time(b));
    for (const s of fresh) {
      flash(String(s.counter));
      announcer.announce(s.number, s.counter, (texts) => {
        announceEl.textContent = `${texts.ja} ${texts.en}`;
      });
    }
    for (const k of keys) seenCalls.add(k);
  } else {
    seenCalls = keys;
  }
}

async function main() {
  officeInfo = await loadOffice(office, (err) => {
    showProblem(errorEl, err, { ja: '窓口の情報を読み込めません', en: 'Cannot load the office' });
  });
  clearMessage(errorEl);
  showOfficeName(officeInfo, 'ロビー表示');
  setZone(officeInfo.timeZone);
  renderServing([]);
  renderWaiting([]);
  startLive({ query: { office }, event: 'queueStatus', onMessage: apply });
}

main().catch(() => {
  // loadOffice already shows the problem (e.g. 404: no such office)
});
