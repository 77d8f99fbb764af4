// Manage a booking: see it, check in on arrival, move it to another slot, or cancel it.
import {
  param, api, h, bi, biName, setContent, showOfficeName, showProblem, showMessage, clearMessage, ApiError, fillLineBox,
} from './api.js';

const code = param('code');
const el = (id) => document.getElementById(id);
const messageEl = el('booking-message');
const enc = encodeURIComponent;

const STATES = {
  confirmed: { ja: '予約済み', en: 'Booked' },
  cancelled: { ja: '取り消し済み', en: 'Cancelled' },
  'checked-in': { ja: '受付済み（到着）', en: 'Checked in' },
  'no-show': { ja: 'ご来庁がありませんでした', en: 'Missed (no show)' },
};
const CROWD = {
  1: { ja: '空いています', en: 'Quiet' },
  2: { ja: 'やや空き', en: 'Fairly quiet' },
  3: { ja: 'ふつう', en: 'Moderate' },
  4: { ja: 'やや混雑', en: 'Busy' },
  5: { ja: '混雑', en: 'Very busy' },
};

let booking = null;
let officeInfo = null;
let newSlot = null;
let busy = false;

function dayText(date) {
  const [y, m, d] = String(date).split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  const wJa = '日月火水木金土'[dt.getUTCDay()];
  const wEn = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][dt.getUTCDay()];
  const mEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return { ja: `${y}年${m}月${d}日(${wJa})`, en: `${wEn} ${d} ${mEn} ${y}` };
}

// ------------------------------------------------------------------ render

function render(b) {
  booking = b;
  el('booking-code').textContent = b.code ?? '';
  const state = STATES[b.state] ?? { ja: b.state, en: '' };
  const stateEl = el('booking-state');
  stateEl.dataset.state = b.state ?? '';
  stateEl.className = `booking-state state-${b.state}`;
  setContent(stateEl, bi(state.ja, state.en, { inline: true }));

  const d = dayText(b.date);
  const when = el('booking-when');
  when.dataset.date = b.date;
  when.dataset.time = b.time;
  setContent(when, bi(`${d.ja} ${b.time}〜`, `${d.en}, ${b.time}`));

  setContent(el('booking-procedures'), (b.procedures ?? []).map((c) => {
    const p = officeInfo?.procedures?.find((x) => x.code === c);
    return h('li', { dataset: { code: c } }, p ? biName(p.name, { inline: true }) : c);
  }));

  const confirmed = b.state === 'confirmed';
  el('confirmed-box').hidden = !confirmed;
  if (confirmed) {
    el('booking-qr').src = b.qrUrl;
    fillLineBox(el('confirmed-box').querySelector('.line-box'), 'booking', b.code);
    el('calendar-link').href = b.calendarUrl;
    el('calendar-link').setAttribute('download', `matanai-${b.code}.ics`);
  } else {
    el('booking-qr').removeAttribute('src');
    el('cancel-box').hidden = true;
    el('reschedule-box').hidden = true;
  }

  const hasTicket = Boolean(b.ticketNumber);
  el('ticket-box').hidden = !hasTicket;
  if (hasTicket) {
    el('ticket-number').textContent = b.ticketNumber;
    el('ticket-link').href = b.ticketStatusUrl ?? '#';
  }
  el('book-again').href = `book.html?office=${enc(b.officeId ?? 'demo')}`;
  el('details').hidden = false;
  document.body.dataset.loaded = 'true';
}

// ------------------------------------------------------------------ actions

async function act(button, request, done, failure) {
  if (busy) return;
  busy = true;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  clearMessage(messageEl);
  try {
    const { data } = await request();
    render(data);
    done(data);
  } catch (err) {
    showProblem(messageEl, err, failure);
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    busy = false;
    messageEl.scrollIntoView({ block: 'nearest' });
  }
}

el('cancel').addEventListener('click', () => {
  el('reschedule-box').hidden = true;
  el('cancel-box').hidden = false;
});
el('cancel-back').addEventListener('click', () => {
  el('cancel-box').hidden = true;
});
el('cancel-confirm').addEventListener('click', (e) => act(
  e.currentTarget,
  () => api(`/api/bookings/${enc(code)}`, { method: 'DELETE' }),
  () => showMessage(messageEl, bi('予約を取り消しました', 'Your booking has been cancelled')),
  { ja: '取り消せませんでした', en: 'Could not cancel' },
));

el('check-in').addEventListener('click', (e) => act(
  e.currentTarget,
  () => api(`/api/bookings/${enc(code)}/check-in`, { method: 'POST' }),
  (b) => showMessage(messageEl, bi(`受付しました。番号 ${b.ticketNumber ?? ''} でお呼びします`, `Checked in. We will call number ${b.ticketNumber ?? ''}`)),
  { ja: 'まだ受付できません', en: 'Cannot check in yet' },
));

el('reschedule').addEventListener('click', async () => {
  el('cancel-box').hidden = true;
  el('reschedule-box').hidden = false;
  el('slots-loading').hidden = false;
  el('reschedule-confirm').disabled = true;
  setContent(el('new-slot'));
  setContent(el('calendar'));
  newSlot = null;
  clearMessage(messageEl);
  try {
    const { data } = await api(`/api/offices/${enc(booking.officeId)}/availability?procedures=${(booking.procedures ?? []).map(enc).join(',')}&days=14`);
    renderSlots(Array.isArray(data?.slots) ? data.slots : []);
  } catch (err) {
    showProblem(messageEl, err, { ja: '空き状況を読み込めませんでした', en: 'Could not load the available times' });
  } finally {
    el('slots-loading').hidden = true;
  }
});
el('reschedule-back').addEventListener('click', () => {
  el('reschedule-box').hidden = true;
});
el('reschedule-confirm').addEventListener('click', (e) => {
  if (!newSlot) return;
  act(
    e.currentTarget,
    () => api(`/api/bookings/${enc(code)}/reschedule`, { method: 'POST', body: newSlot }),
    () => {
      el('reschedule-box').hidden = true;
      showMessage(messageEl, bi('日時を変更しました', 'Your booking has been moved'));
    },
    { ja: '変更できませんでした', en: 'Could not change the booking' },
  );
});

function renderSlots(slots) {
  const days = [...new Set(slots.map((s) => s.date))].sort().slice(0, 7);
  setContent(el('calendar'), days.map((d) => {
    const t = dayText(d);
    return h(
      'section',
      { class: 'slot-day-col', dataset: { date: d } },
      h('h3', { class: 'slot-day-title' }, bi(t.ja, t.en)),
      h('div', { class: 'slot-list' }, slots.filter((s) => s.date === d).sort((a, b) => String(a.time).localeCompare(String(b.time))).map((s) => {
        const full = Number(s.remaining) <= 0;
        const current = s.date === booking.date && s.time === booking.time;
        const level = full ? 'full' : String(Math.min(5, Math.max(1, Number(s.crowdLevel) || 3)));
        const label = full ? { ja: '満員', en: 'Full' } : CROWD[level];
        return h(
          'button',
          {
            type: 'button',
            class: `slot-btn crowd-${level}${current ? ' is-current' : ''}`,
            disabled: full || current,
            'aria-pressed': 'false',
            dataset: { testid: `slot-${s.date}-${String(s.time).replace(':', '')}`, crowd: level, date: s.date, time: s.time },
            onclick: (e) => {
              newSlot = { date: s.date, time: s.time };
              for (const b of el('calendar').querySelectorAll('.slot-btn')) b.setAttribute('aria-pressed', b === e.currentTarget ? 'true' : 'false');
              const nd = dayText(s.date);
              setContent(el('new-slot'), bi(`新しい日時: ${nd.ja} ${s.time}〜`, `New time: ${nd.en}, ${s.time}`));
              el('reschedule-confirm').disabled = false;
            },
          },
          h('span', { class: 'slot-time' }, s.time),
          h('span', { class: 'slot-crowd' }, current ? '現在の予約' : label.ja),
          h('span', { class: 'slot-crowd en', lang: 'en' }, current ? 'Current' : label.en),
        );
      })),
    );
  }));
}

// ------------------------------------------------------------------ main

async function main() {
  if (!code) {
    el('no-code').hidden = false;
    return;
  }
  try {
    const { data } = await api(`/api/bookings/${enc(code)}`);
    try {
      officeInfo = (await api(`/api/offices/${enc(data.officeId)}`)).data;
      showOfficeName(officeInfo, 'ご予約');
    } catch {
      // names of the procedures are a nicety; the codes are shown instead
    }
    render(data);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) el('not-found').hidden = false;
    else showProblem(messageEl, err, { ja: '予約を読み込めませんでした', en: 'Could not load the booking' });
  }
}

main().catch(() => {});
