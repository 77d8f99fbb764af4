// Kiosk (ticket machine): choose a procedure → a numbered ticket with a QR code for the phone.
import {
  officeId, loadOffice, api, paths, newUuid, h, bi, biName, setContent, startClock, showOfficeName,
  showProblem, clearMessage, openingHoursText, formatDateTime, nameText, waitRangeText,
} from './api.js';
import { startLive } from './live.js';

const RETURN_AFTER_S = 20;

const office = officeId();
const startScreen = document.getElementById('start-screen');
const ticketScreen = document.getElementById('ticket-screen');
const groupsEl = document.getElementById('procedure-groups');
const messageEl = document.getElementById('kiosk-message');
const hoursEl = document.getElementById('opening-hours');
const el = (id) => document.getElementById(id);
const setZone = startClock(el('clock'));

let officeInfo = null;
let busy = false;
let countdownTimer = null;
let secondsLeft = RETURN_AFTER_S;
let shownToken = null;
let needsAssistance = false;

const assistBtn = el('assist-btn');
function setAssistance(on) {
  needsAssistance = on;
  assistBtn.setAttribute('aria-pressed', on ? 'true' : 'false');
  assistBtn.classList.toggle('is-on', on);
}
assistBtn.addEventListener('click', () => setAssistance(!needsAssistance));

// ------------------------------------------------------------------ start screen

function queueName(queueId) {
  return officeInfo?.queues?.find((q) => String(q.id) === String(queueId))?.name ?? null;
}

function procedureButton(p) {
  const bring = Array.isArray(p.bring) ? p.bring : [];
  return h(
    'button',
    {
      type: 'button',
      class: 'proc-btn',
      dataset: { testid: `procedure-${p.code}`, procedure: p.code },
      onclick: () => issue(p),
    },
    h('span', { class: 'proc-name' }, biName(p.name)),
    bring.length
      ? h(
        'span',
        { class: 'proc-bring' },
        h('span', { class: 'proc-bring-label' }, bi('お持ちいただくもの', 'Please bring', { inline: true })),
        bring.map((b) => h('span', { class: 'proc-bring-item' }, biName(b, { inline: true }))),
      )
      : null,
  );
}

function renderProcedures() {
  const procedures = officeInfo?.procedures ?? [];
  const queues = [...(officeInfo?.queues ?? [])];
  for (const p of procedures) if (!queues.some((q) => String(q.id) === String(p.queue))) queues.push({ id: p.queue });

  const groups = queues
    .map((q) => {
      const list = procedures.filter((p) => String(p.queue) === String(q.id));
      if (!list.length) return null;
      return h(
        'section',
        { class: 'queue-group', dataset: { queue: q.id } },
        h(
          'div',
          { class: 'queue-group-head' },
          h('h2', {}, q.name ? biName(q.name, { inline: true }) : String(q.id)),
          h('span', { class: 'queue-live live-data', dataset: { testid: `kiosk-waiting-${q.id}` } }),
        ),
        h('div', { class: 'proc-grid' }, list.map(procedureButton)),
      );
    })
    .filter(Boolean);
  setContent(groupsEl, groups);

  const hours = openingHoursText(officeInfo?.openingHours);
  if (hours) setContent(hoursEl, bi(`受付時間 ${hours.ja}`, `Opening hours: ${hours.en}`));
}

function applyStatus(status) {
  const waiting = Array.isArray(status.waiting) ? status.waiting : [];
  for (const span of groupsEl.querySelectorAll('.queue-live')) {
    const queue = span.closest('[data-queue]')?.dataset.queue;
    const w = waiting.find((x) => String(x.queue) === String(queue));
    const count = w?.count ?? 0;
    const eta = count > 0 ? waitRangeText(w?.waitP50, w?.waitP90, w?.estimatedWaitMinutes) : null;
    span.dataset.count = String(count);
    setContent(
      span,
      bi(
        `現在 ${count}人待ち${eta ? `（${eta.ja}）` : ''}`,
        `${count} waiting${eta ? ` (${eta.en})` : ''}`,
        { inline: true },
      ),
    );
  }
}

function setButtonsDisabled(disabled) {
  for (const b of groupsEl.querySelectorAll('button.proc-btn')) b.disabled = disabled;
}

// ------------------------------------------------------------------ issuing

async function issue(procedure) {
  if (busy) return;
  busy = true;
  clearMessage(messageEl);
  const button = groupsEl.querySelector(`[data-procedure="${CSS.escape(procedure.code)}"]`);
  setButtonsDisabled(true);
  button?.setAttribute('aria-busy', 'true');
  const busyNote = h('span', { class: 'proc-busy' }, bi('発券しています…', 'Printing your ticket…', { inline: true }));
  button?.append(busyNote);

  try {
    const { data } = await api(paths.tickets(office), {
      method: 'POST',
      body: { procedure: procedure.code, channel: 'kiosk', ...(needsAssistance ? { needsAssistance: true } : {}) },
      headers: { 'Idempotency-Key': newUuid() }, // one key per tap: a double tap gives one ticket
    });
    el('ticket-assistance').hidden = !needsAssistance;
    showTicket(procedure, data);
    setAssistance(false);
  } catch (err) {
    showProblem(messageEl, err, {
      ja: '番号札を発行できませんでした',
      en: 'Could not issue a ticket',
      help: '係員にお声がけください。 / Please ask a staff member.',
    });
    messageEl.scrollIntoView({ block: 'center', behavior: 'smooth' });
  } finally {
    busyNote.remove();
    button?.removeAttribute('aria-busy');
    setButtonsDisabled(false);
    busy = false;
  }
}

// ------------------------------------------------------------------ booking check-in

/** A booked resident types the code: inside the window the ticket has priority; the server explains a 409. */
async function checkIn(event) {
  event.preventDefault();
  const code = el('booking-code-input').value.trim().toUpperCase();
  if (busy || code.length === 0) return;
  busy = true;
  clearMessage(messageEl);
  try {
    const { data } = await api(`/api/bookings/${encodeURIComponent(code)}/check-in`, { method: 'POST' });
    const token = new URL(data.ticketStatusUrl).searchParams.get('token');
    const procedure = officeInfo?.procedures?.find((p) => p.code === data.procedures[0]) ?? { code: data.procedures[0], queue: '', name: { ja: '', en: '' } };
    el('ticket-assistance').hidden = true;
    el('booking-code-input').value = '';
    showTicket(procedure, { token, number: data.ticketNumber, statusUrl: data.ticketStatusUrl });
  } catch (err) {
    showProblem(messageEl, err, {
      ja: '受付できませんでした',
      en: 'Could not check in',
      help: '予約番号をお確かめのうえ、係員にお声がけください。 / Please check the code or ask a staff member.',
    });
  } finally {
    busy = false;
  }
}

el('checkin-form').addEventListener('submit', checkIn);

// ------------------------------------------------------------------ ticket screen

function showTicket(procedure, ticket) {
  shownToken = ticket.token;
  el('ticket-number').textContent = ticket.number ?? '';
  const qName = queueName(procedure.queue);
  setContent(el('ticket-queue'), qName ? biName(qName, { inline: true }) : String(procedure.queue ?? ''));
  setContent(el('ticket-procedure'), biName(procedure.name, { inline: true }));
  setContent(el('ticket-waiting'));
  el('ticket-waiting').hidden = true;

  const qr = el('ticket-qr');
  qr.src = paths.ticketQr(ticket.token);
  el('ticket-line-qr').src = paths.ticketLineQr(ticket.token);
  const link = el('status-link');
  link.href = ticket.statusUrl;
  link.textContent = ticket.statusUrl;

  el('print-office').textContent = officeInfo ? `${nameText(officeInfo.name, 'ja')} / ${nameText(officeInfo.name, 'en')}` : '';
  el('print-issued').textContent = `発行 Issued: ${formatDateTime(new Date(), officeInfo?.timeZone)}`;

  startScreen.hidden = true;
  ticketScreen.hidden = false;
  window.scrollTo(0, 0);
  startCountdown();
  loadPosition(ticket.token);
}

async function loadPosition(token) {
  try {
    const { data } = await api(paths.ticket(token));
    if (shownToken !== token || !data || data.state !== 'waiting') return;
    const ahead = Math.max(0, Number(data.position) - 1);
    const eta = waitRangeText(data.waitP50, data.waitP90, data.estimatedWaitMinutes);
    const line = el('ticket-waiting');
    line.dataset.ahead = String(ahead);
    setContent(
      line,
      ahead === 0
        ? bi('次にお呼びします', 'You are next', { inline: true })
        : bi(`現在 ${ahead}人待ち`, `${ahead} ${ahead === 1 ? 'person' : 'people'} waiting ahead of you`, { inline: true }),
      eta && ahead > 0 ? h('br') : null,
      eta && ahead > 0 ? bi(`待ち時間の目安 ${eta.ja}`, `Wait: ${eta.en}`, { inline: true }) : null,
    );
    line.hidden = false;
  } catch {
    // the number and QR code are what matter; the position is a bonus
  }
}

function startCountdown() {
  secondsLeft = RETURN_AFTER_S;
  renderCountdown();
  clearInterval(countdownTimer);
  countdownTimer = setInterval(() => {
    secondsLeft -= 1;
    if (secondsLeft <= 0) backToStart();
    else renderCountdown();
  }, 1000);
}

function renderCountdown() {
  setContent(
    el('countdown'),
    bi(`${secondsLeft}秒後に最初の画面に戻ります`, `Returning to the start screen in ${secondsLeft} s`, { inline: true }),
  );
}

function backToStart() {
  clearInterval(countdownTimer);
  countdownTimer = null;
  shownToken = null;
  // Nothing of this ticket may stay on screen for the next person.
  el('ticket-number').textContent = '';
  el('ticket-qr').removeAttribute('src');
  el('ticket-line-qr').removeAttribute('src');
  el('status-link').removeAttribute('href');
  el('status-link').textContent = '';
  setContent(el('ticket-waiting'));
  el('ticket-assistance').hidden = true;
  setAssistance(false);
  ticketScreen.hidden = true;
  startScreen.hidden = false;
  window.scrollTo(0, 0);
}

el('print-btn').addEventListener('click', () => {
  clearInterval(countdownTimer);
  window.print();
  startCountdown();
});
window.addEventListener('afterprint', () => {
  if (!ticketScreen.hidden) startCountdown();
});
el('back-btn').addEventListener('click', backToStart);
// Touching the ticket screen gives more time to read it.
ticketScreen.addEventListener('pointerdown', (e) => {
  if (!e.target.closest('button')) startCountdown();
});

// ------------------------------------------------------------------ main

async function main() {
  officeInfo = await loadOffice(office, (err) => {
    showProblem(messageEl, err, { ja: '窓口の情報を読み込めません', en: 'Cannot load the office' });
  });
  clearMessage(messageEl);
  showOfficeName(officeInfo, '番号札を取る');
  setZone(officeInfo.timeZone);
  renderProcedures();
  startLive({ query: { office }, event: 'queueStatus', onMessage: applyStatus });
}

main().catch(() => {});
