// The resident's phone page: ticket.html?token=...
import { param, api, paths, h, bi, setContent, minutesText, showProblem, showMessage, clearMessage, ApiError } from './api.js';
import { startLive } from './live.js';

const token = param('token');
const el = (id) => document.getElementById(id);

const view = el('ticket-view');
const numberEl = el('ticket-number');
const stateEl = el('ticket-state');
const positionEl = el('ticket-position');
const etaEl = el('ticket-eta');
const overlay = el('called-overlay');
const thanks = el('completed-view');
const errorEl = el('ticket-error');

const STATE_TEXT = {
  waiting: ['お待ちください', 'Please keep waiting'],
  called: ['お呼びしています', 'You are being called'],
  completed: ['受付が終わりました', 'Your visit is completed'],
};

let lastState = null;
let fromHub = false;
let wakeLock = null;

function render(t) {
  const state = String(t.state ?? '');
  const number = t.number ?? '';
  numberEl.textContent = number;
  el('called-number').textContent = number;

  const [ja, en] = STATE_TEXT[state] ?? [state, state];
  stateEl.dataset.state = state;
  setContent(stateEl, bi(ja, en));

  // Position: 1 means "you are next"; ahead = position - 1.
  const position = Number(t.position);
  const waiting = state === 'waiting' && Number.isFinite(position) && position > 0;
  positionEl.hidden = !waiting;
  positionEl.dataset.position = waiting ? String(position) : '';
  positionEl.classList.toggle('is-next', waiting && position === 1);
  if (waiting) {
    const ahead = position - 1;
    positionEl.dataset.ahead = String(ahead);
    setContent(
      positionEl,
      ahead === 0
        ? bi('次です', 'You are next')
        : bi(
          [h('span', {}, 'あなたの前に '), h('span', { class: 'num' }, String(ahead)), h('span', {}, ' 人')],
          `${ahead} ${ahead === 1 ? 'person' : 'people'} ahead of you`,
        ),
    );
  }

  const eta = waiting ? minutesText(t.estimatedWaitMinutes) : null;
  etaEl.hidden = !eta;
  if (eta) setContent(etaEl, bi(`待ち時間の目安 ${eta.ja}`, `Estimated wait: ${eta.en}`));

  // Called: a full-screen, unmistakable notice.
  const counter = t.counter ?? '';
  const calledCounter = el('called-counter');
  calledCounter.textContent = String(counter);
  calledCounter.dataset.counter = String(counter);
  el('called-counter-en').textContent = String(counter);
  overlay.hidden = state !== 'called';
  thanks.hidden = state !== 'completed';
  view.classList.toggle('is-completed', state === 'completed');
  document.getElementById('waiting-hint').hidden = state !== 'waiting';

  if (state === 'called' && lastState !== 'called') {
    navigator.vibrate?.([600, 250, 600, 250, 1000]);
    keepAwake();
  }
  document.title = state === 'called' ? `【呼び出し】${number} — ${counter}番窓口` : `${number} — 待たない窓口`;
  lastState = state;
  view.hidden = false;
}

async function keepAwake() {
  try {
    if ('wakeLock' in navigator && !wakeLock) {
      wakeLock = await navigator.wakeLock.request('screen');
      wakeLock.addEventListener('release', () => {
        wakeLock = null;
      });
    }
  } catch {
    // not allowed (e.g. battery saver): fine
  }
}

overlay.addEventListener('click', () => navigator.vibrate?.(0));

// ------------------------------------------------------------------ LINE

const LINE_USER_ID = /^U([0-9a-f]{32}|demo[0-9A-Za-z_-]{1,32})$/i;

el('line-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = el('line-user-id');
  const message = el('line-message');
  const button = el('line-submit');
  const userId = input.value.trim();
  if (!LINE_USER_ID.test(userId)) {
    showProblem(message, new Error(''), {
      ja: 'LINE ユーザーIDの形が正しくありません',
      en: 'That does not look like a LINE user ID',
      help: '例 / e.g. U0123456789abcdef0123456789abcdef',
    });
    input.focus();
    return;
  }
  button.disabled = true;
  clearMessage(message);
  try {
    await api(paths.ticketLine(token), { method: 'POST', body: { userId } });
    showMessage(message, bi('LINE でお知らせします', 'You will get LINE notifications', { inline: true }));
  } catch (err) {
    showProblem(message, err, { ja: 'LINE と連携できませんでした', en: 'Could not link LINE' });
  } finally {
    button.disabled = false;
  }
});

// ------------------------------------------------------------------ main

async function main() {
  if (!token) {
    el('no-token').hidden = false;
    return;
  }
  try {
    const { data } = await api(paths.ticket(token));
    if (!fromHub && data) render(data); // shown dimmed until the live connection confirms it
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
      el('not-found').hidden = false;
      return; // the hub refuses unknown tickets too
    }
    showProblem(errorEl, err, { ja: '番号札の情報を読み込めません', en: 'Cannot load your ticket' });
  }
  startLive({
    query: { ticket: token },
    event: 'ticketStatus',
    onMessage: (msg) => {
      fromHub = true;
      clearMessage(errorEl);
      render(msg);
    },
  });
  el('line-box').hidden = false;
}

main();
