// The resident's phone page: ticket.html?token=...
import {
  param, api, paths, h, bi, biName, setContent, waitRangeText, showProblem, showMessage, clearMessage, nameText, ApiError, newUuid, fillLineBox,
} from './api.js';
import { startLive } from './live.js';

const token = param('token');
const el = (id) => document.getElementById(id);

const view = el('ticket-view');
const numberEl = el('ticket-number');
const stateEl = el('ticket-state');
const noteEl = el('state-note');
const nextEl = el('next-procedure');
const positionEl = el('ticket-position');
const rangeEl = el('wait-range');
const visitEl = el('visit-procedures');
const overlay = el('called-overlay');
const thanks = el('completed-view');
const errorEl = el('ticket-error');
const actionsEl = el('ticket-actions');
const postponeBox = el('postpone-box');
const postponeBtn = el('postpone-btn');
const postponeHelp = el('postpone-help');
const cancelBtn = el('cancel-btn');
const cancelBox = el('cancel-box');
const actionMsg = el('action-message');

const STATE_TEXT = {
  waiting: ['お待ちください', 'Please keep waiting'],
  called: ['お呼びしています', 'You are being called'],
  serving: ['受付中です', 'Being served'],
  parked: ['保留中です', 'On hold'],
  completed: ['受付が終わりました', 'Your visit is completed'],
  'no-show': ['取り消されました', 'Cancelled (no answer)'],
  cancelled: ['取り消しました', 'Cancelled'],
};
const STATE_NOTE = {
  serving: ['窓口で手続き中です。', 'You are being served at the counter.'],
  parked: ['係員がもう一度お呼びするまで、ロビーでお待ちください。', 'Please wait in the lobby until a staff member calls you again.'],
  'no-show': ['呼び出しに応答がなかったため取り消されました。係員にお声がけください。', 'You did not answer when called, so your turn was cancelled. Please ask a staff member.'],
  cancelled: ['この番号札は取り消されました。ご用の際は番号札をもう一度お取りいただくか、係員にお声がけください。', 'This ticket was cancelled. Take a new ticket or ask a staff member if you still need help.'],
};

let office = null; // GET /api/offices/{id}, for procedure names (when the ticket says which office it is in)
let officeTried = null;
let lastTicket = null;
let lastState = null;
let fromHub = false;
let wakeLock = null;
let busy = false;
let liveStarted = false;

function procedureName(code) {
  const p = office?.procedures?.find((x) => x.code === code);
  return p ? p.name : { ja: String(code ?? ''), en: '' };
}

async function ensureOffice(t) {
  const id = t?.officeId ?? param('office') ?? '';
  const want = id || 'demo';
  if (officeTried === want) return;
  officeTried = want;
  try {
    const { data } = await api(paths.office(want));
    office = data;
    if (lastTicket) render(lastTicket);
  } catch {
    // names stay as codes
  }
}

function render(t) {
  lastTicket = t;
  const state = String(t.state ?? '');
  const number = t.number ?? '';
  numberEl.textContent = number;
  el('called-number').textContent = number;

  const [ja, en] = STATE_TEXT[state] ?? [state, state];
  stateEl.dataset.state = state;
  setContent(stateEl, bi(ja, en));
  const note = STATE_NOTE[state];
  noteEl.hidden = !note;
  noteEl.dataset.state = state;
  if (note) setContent(noteEl, bi(note[0], note[1]));

  const waiting = state === 'waiting';

  // Position: 1 means "you are next"; ahead = position - 1.
  const position = Number(t.position);
  const showPosition = waiting && Number.isFinite(position) && position > 0;
  positionEl.hidden = !showPosition;
  positionEl.dataset.position = showPosition ? String(position) : '';
  positionEl.classList.toggle('is-next', showPosition && position === 1);
  if (showPosition) {
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

  const range = waiting ? waitRangeText(t.waitP50, t.waitP90, t.estimatedWaitMinutes) : null;
  rangeEl.hidden = !range;
  if (range) setContent(rangeEl, h('span', { class: 'eta-label' }, '待ち時間の目安'), bi(range.ja, `Estimated wait: ${range.en}`));

  // One-stop visits: where the resident is in their list of procedures.
  const codes = Array.isArray(t.procedures) ? t.procedures : [];
  const currentCode = t.currentProcedure ?? codes[0] ?? null;
  const index = codes.indexOf(currentCode);
  const finished = ['completed'].includes(state);
  visitEl.hidden = codes.length < 2;
  setContent(
    visitEl,
    codes.length < 2 ? [] : codes.map((code, i) => {
      const step = finished || i < index ? 'done' : i === index ? 'current' : 'later';
      const name = procedureName(code);
      return h(
        'li',
        { class: `step-${step}`, dataset: { code, step }, 'aria-current': step === 'current' ? 'step' : null },
        h('span', { class: 'step-mark', 'aria-hidden': 'true' }, step === 'done' ? '✓' : step === 'current' ? '▶' : String(i + 1)),
        biName(name),
        step === 'done' ? h('span', { class: 'step-done' }, bi('済', 'done', { inline: true })) : null,
      );
    }),
  );
  const movedOn = waiting && index > 0;
  nextEl.hidden = !movedOn;
  nextEl.dataset.code = movedOn ? currentCode : '';
  if (movedOn) {
    const name = procedureName(currentCode);
    setContent(nextEl, bi(`次の手続き: ${nameText(name, 'ja')}`, `Next procedure: ${nameText(name, 'en') || nameText(name, 'ja')}`));
  }

  // Called: a full-screen, unmistakable notice.
  const counter = t.counter ?? '';
  const calledCounter = el('called-counter');
  calledCounter.textContent = String(counter);
  calledCounter.dataset.counter = String(counter);
  el('called-counter-en').textContent = String(counter);
  overlay.hidden = state !== 'called';
  thanks.hidden = state !== 'completed';
  view.classList.toggle('is-completed', state === 'completed');
  view.classList.toggle('is-ended', state === 'no-show' || state === 'cancelled');
  el('waiting-hint').hidden = !(waiting || state === 'parked');

  renderActions(t, waiting);
  if (liveStarted) el('line-box').hidden = ['completed', 'no-show', 'cancelled'].includes(state);

  if (state === 'called' && lastState !== 'called') {
    navigator.vibrate?.([600, 250, 600, 250, 1000]);
    keepAwake();
  }
  document.title = state === 'called' ? `【呼び出し】${number} — ${counter}番窓口` : `${number} — 待たない窓口`;
  lastState = state;
  view.hidden = false;
  ensureOffice(t);
}

function renderActions(t, waiting) {
  actionsEl.hidden = !waiting;
  if (!waiting) {
    cancelBox.hidden = true;
    cancelBtn.hidden = false;
    return;
  }
  const left = t.postponesLeft === undefined || t.postponesLeft === null ? null : Math.max(0, Number(t.postponesLeft));
  postponeBox.hidden = left === 0;
  const places = Number(office?.calling?.postponePlaces ?? 0);
  setContent(
    postponeHelp,
    h(
      'span',
      { class: 'postpones-left', dataset: { testid: 'postpones-left', left: left === null ? '' : String(left) } },
      left === null ? '' : bi(`あと ${left} 回使えます`, `${left} ${left === 1 ? 'time' : 'times'} left`, { inline: true }),
    ),
    places > 0
      ? bi(`順番を ${places} 人分うしろにします。`, `Moves you back ${places} places.`)
      : bi('順番を少しうしろにします。', 'Moves you back a few places.'),
  );
  for (const b of [postponeBtn, cancelBtn, el('cancel-confirm-btn'), el('cancel-back-btn')]) b.disabled = busy;
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

// ------------------------------------------------------------------ cancel / I need more time

async function act(path, okText, failText) {
  if (busy) return;
  busy = true;
  if (lastTicket) renderActions(lastTicket, lastTicket.state === 'waiting');
  clearMessage(actionMsg);
  try {
    const { data } = await api(path, { method: 'POST', headers: { 'Idempotency-Key': newUuid() } });
    busy = false;
    if (data) render(data);
    if (okText) {
      showMessage(actionMsg, bi(okText[0], okText[1]));
      actionMsg.hidden = false;
    }
  } catch (err) {
    busy = false;
    showProblem(actionMsg, err, { ja: failText[0], en: failText[1] });
    if (lastTicket) render(lastTicket);
  } finally {
    busy = false;
    if (lastTicket) renderActions(lastTicket, lastTicket.state === 'waiting');
  }
}

postponeBtn.addEventListener('click', () => {
  cancelBox.hidden = true;
  cancelBtn.hidden = false;
  act(paths.ticketPostpone(token), ['順番をうしろにしました。お呼びするまでお待ちください。', 'You have been moved back. We will call you.'], ['順番を変えられませんでした', 'Could not move you back']);
});
cancelBtn.addEventListener('click', () => {
  cancelBox.hidden = false;
  cancelBtn.hidden = true;
  el('cancel-back-btn').focus();
});
el('cancel-back-btn').addEventListener('click', () => {
  cancelBox.hidden = true;
  cancelBtn.hidden = false;
  cancelBtn.focus();
});
el('cancel-confirm-btn').addEventListener('click', () => {
  cancelBox.hidden = true;
  cancelBtn.hidden = false;
  act(paths.ticketCancel(token), null, ['取り消せませんでした', 'Could not cancel']);
});

// ------------------------------------------------------------------ LINE

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
  liveStarted = true;
  fillLineBox(el('line-box'), 'ticket', token);
  el('line-box').hidden = ['completed', 'no-show', 'cancelled'].includes(lastTicket?.state);
}

main();
