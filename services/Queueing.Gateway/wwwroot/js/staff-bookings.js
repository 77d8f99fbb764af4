// Staff bookings: staff-bookings.html?office=demo[&date=yyyy-MM-dd] (sign-in required).
// The day's bookings by hour and procedures (codes and procedures only, never contact data), and booking,
// moving and cancelling on a resident's behalf (POST /api/offices/{office}/bookings/for-resident, …/{code}/move, …/{code}/cancel).
import {
  officeId, param, loadOffice, api, newUuid, h, bi, setContent, startClock, showOfficeName, showMessage, showProblem,
  clearMessage, nameText,
} from './api.js';
import { staffApi, staffProblem, setupSignIn } from './auth.js';

const office = officeId();
const enc = encodeURIComponent;
const el = (id) => document.getElementById(id);
const messageEl = el('sb-message');
const dayInput = el('day');
const setZone = startClock(el('clock'));

const STATE = {
  confirmed: ['未着', 'Not yet'],
  'checked-in': ['受付済', 'Checked in'],
  'no-show': ['不在', 'No-show'],
  cancelled: ['取消', 'Cancelled'],
};
const CROWD = { 1: ['空き', 'Quiet'], 2: ['やや空き', 'Fairly quiet'], 3: ['ふつう', 'Moderate'], 4: ['やや混雑', 'Busy'], 5: ['混雑', 'Very busy'] };

let officeInfo = null;
let zone = 'Asia/Tokyo';
let bookSlot = null; // 'HH:mm'
let bookKey = null; // Idempotency-Key of the form as filled now: a retry of the same form books once
let moveSlot = null;
let found = null; // the booking in the move/cancel form
let busy = false;
let refreshTimer = null;

// ------------------------------------------------------------------ helpers

/** Today in the office's time zone as yyyy-MM-dd. */
function officeToday() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return parts.slice(0, 10);
}

function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d + n));
  return dt.toISOString().slice(0, 10);
}

function dayText(date) {
  const [y, m, d] = date.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  const wJa = '日月火水木金土'[dt.getUTCDay()];
  const wEn = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][dt.getUTCDay()];
  const mEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return { ja: `${m}月${d}日(${wJa})`, en: `${wEn} ${d} ${mEn} ${y}` };
}

const procedure = (code) => officeInfo?.procedures?.find((p) => p.code === code) ?? null;
const procName = (code, lang = 'ja') => nameText(procedure(code)?.name, lang) || code;
const procsText = (codes, lang = 'ja') => codes.map((c) => procName(c, lang)).join(lang === 'ja' ? '＋' : ' + ');

/** The code as it is read out: four and four, each character apart. */
const spoken = (code) => `${code.slice(0, 4).split('').join(' ')}  ${code.slice(4).split('').join(' ')}`;

let okTimer = null;
function ok(ja, en) {
  showMessage(messageEl, bi(ja, en, { inline: true }));
  messageEl.dataset.kind = 'ok';
  // A confirmation steps aside after a while (errors stay until the next action).
  clearTimeout(okTimer);
  okTimer = setTimeout(() => {
    if (messageEl.dataset.kind === 'ok') clearMessage(messageEl);
  }, 10000);
}

function fail(err, ja, en) {
  clearTimeout(okTimer);
  staffProblem(messageEl, err, ja, en);
  messageEl.dataset.kind = 'error';
  messageEl.scrollIntoView({ block: 'nearest' });
}

function stateBadge(state) {
  const [ja, en] = STATE[state] ?? [state, ''];
  return h('span', { class: 'sb-state', dataset: { state } }, ja, en ? h('small', { lang: 'en' }, en) : null);
}

// ------------------------------------------------------------------ the day

async function loadDay() {
  const date = dayInput.value || officeToday();
  try {
    const { data } = await staffApi(`/api/offices/${enc(office)}/bookings?date=${enc(date)}`);
    renderDay(date, Array.isArray(data) ? data : []);
  } catch (err) {
    if (err?.status !== 401) fail(err, '予約一覧を読み込めません', 'Cannot load the bookings');
  }
}

function renderDay(date, bookings) {
  const count = (s) => bookings.filter((b) => b.state === s).length;
  const summary = el('day-summary');
  Object.assign(summary.dataset, {
    total: String(bookings.length - count('cancelled')),
    checkedIn: String(count('checked-in')),
    waiting: String(count('confirmed')),
    noShow: String(count('no-show')),
    cancelled: String(count('cancelled')),
  });
  const d = dayText(date);
  setContent(
    summary,
    h('strong', {}, d.ja), ' ', h('small', { lang: 'en' }, d.en), ' — ',
    `予約 ${summary.dataset.total}件 · 受付済 ${summary.dataset.checkedIn} · 未着 ${summary.dataset.waiting} · 不在 ${summary.dataset.noShow} · 取消 ${summary.dataset.cancelled}`,
    h('small', { lang: 'en' }, ` ${summary.dataset.total} booked · ${summary.dataset.checkedIn} checked in · ${summary.dataset.waiting} not yet · ${summary.dataset.noShow} no-show · ${summary.dataset.cancelled} cancelled`),
  );

  if (!bookings.length) {
    setContent(el('day-list'), h('p', { class: 'muted sb-empty' }, 'この日の予約はありません ', h('small', { lang: 'en' }, 'No bookings on this day')));
    return;
  }
  const hours = [...new Set(bookings.map((b) => String(b.time).slice(0, 2)))].sort();
  setContent(el('day-list'), hours.map((hour) => {
    const inHour = bookings.filter((b) => String(b.time).startsWith(hour));
    const groups = [...new Set(inHour.map((b) => b.procedures.join(',')))];
    return h(
      'section',
      { class: 'sb-hour', dataset: { testid: `hour-${hour}` } },
      h('h3', { class: 'sb-hour-title' }, `${Number(hour)}時台`, h('small', { lang: 'en' }, ` ${hour}:00–${hour}:59`),
        h('span', { class: 'sb-hour-count' }, `${inHour.filter((b) => b.state !== 'cancelled').length}件`)),
      groups.map((g) => {
        const codes = g.split(',');
        return h(
          'div',
          { class: 'sb-group', dataset: { testid: 'group', procedures: g } },
          h('h4', { class: 'sb-group-title' }, procsText(codes), h('small', { lang: 'en' }, ` ${procsText(codes, 'en')}`)),
          h('ul', { class: 'sb-rows' }, inHour.filter((b) => b.procedures.join(',') === g).sort((a, b) => String(a.time).localeCompare(String(b.time))).map((b) => h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'sb-row',
                dataset: { testid: `booking-${b.code}`, state: b.state, code: b.code },
                'aria-label': `${b.time} ${b.code} ${STATE[b.state]?.[0] ?? b.state}`,
                onclick: () => openBooking(b.code),
              },
              h('span', { class: 'sb-row-time' }, b.time),
              h('span', { class: 'sb-code' }, b.code),
              stateBadge(b.state),
              b.ticketNumber ? h('span', { class: 'sb-ticket' }, `整理券 ${b.ticketNumber}`) : null,
            ),
          ))),
        );
      }),
    );
  }));
}

function showDay(date) {
  dayInput.value = date;
  loadDay();
}

// ------------------------------------------------------------------ slots (availability with crowd colours)

async function renderSlots(container, procedures, date, { prefix, chosen, current, onPick }) {
  if (!procedures.length || !date) {
    setContent(container, h('p', { class: 'muted' }, '手続きと日付を選ぶと表示されます ', h('small', { lang: 'en' }, 'Choose procedures and a date')));
    return;
  }
  setContent(container, h('p', { class: 'muted' }, '読み込んでいます… ', h('small', { lang: 'en' }, 'Loading…')));
  try {
    const { data } = await api(`/api/offices/${enc(office)}/availability?procedures=${procedures.map(enc).join(',')}&from=${enc(date)}&days=1`);
    const slots = (Array.isArray(data?.slots) ? data.slots : []).filter((s) => s.date === date);
    if (!slots.length) {
      setContent(container, h('p', { class: 'message' }, 'この日は予約できる時間がありません（閉庁日・過ぎた時間） ', h('small', { lang: 'en' }, 'No bookable times on this day (closed or past)')));
      return;
    }
    setContent(container, slots.map((s) => {
      const full = Number(s.remaining) <= 0;
      const level = full ? 'full' : String(Math.min(5, Math.max(1, Number(s.crowdLevel) || 3)));
      const [ja, en] = full ? ['満員', 'Full'] : CROWD[level];
      const here = current && current.date === date && current.time === s.time;
      return h(
        'button',
        {
          type: 'button',
          class: `slot-btn sb-slot crowd-${level}${here ? ' is-current' : ''}`,
          disabled: full || here,
          'aria-pressed': chosen === s.time ? 'true' : 'false',
          'aria-label': `${s.time} ${ja} 残り${s.remaining} / ${en}, ${s.remaining} left`,
          dataset: { testid: `${prefix}-${s.time.replace(':', '')}`, crowd: level, remaining: String(s.remaining), time: s.time },
          onclick: () => {
            for (const b of container.querySelectorAll('.slot-btn')) b.setAttribute('aria-pressed', b.dataset.time === s.time ? 'true' : 'false');
            onPick(s.time);
          },
        },
        h('span', { class: 'slot-time' }, s.time),
        h('span', { class: 'slot-crowd' }, here ? '現在の予約' : ja),
        h('span', { class: 'slot-crowd en', lang: 'en' }, here ? 'Current' : `${en} · ${s.remaining} left`),
      );
    }));
  } catch (err) {
    setContent(container);
    fail(err, '空き状況を読み込めません', 'Cannot load the available times');
  }
}

// ------------------------------------------------------------------ book for a resident

function chosenProcedures() {
  return [...el('book-procs').querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);
}

function bookChanged() {
  bookSlot = null;
  bookKey = null;
  renderSlots(el('book-slots'), chosenProcedures(), el('book-date').value, {
    prefix: 'book-slot',
    chosen: null,
    onPick: (time) => {
      bookSlot = time;
      bookKey = null;
    },
  });
}

async function book(e) {
  e.preventDefault();
  if (busy) return;
  const procedures = chosenProcedures();
  const date = el('book-date').value;
  if (!procedures.length) return fail(new Error(''), '手続きを選んでください', 'Choose at least one procedure');
  if (!date || !bookSlot) return fail(new Error(''), '日付と時間を選んでください', 'Choose a date and a time');
  const email = el('book-email').value.trim();
  bookKey ??= newUuid();
  busy = true;
  el('book-submit').disabled = true;
  clearMessage(messageEl);
  try {
    const { data } = await staffApi(`/api/offices/${enc(office)}/bookings/for-resident`, {
      method: 'POST',
      body: { procedures, date, time: bookSlot, language: el('book-language').value, ...(email ? { email } : {}) },
      headers: { 'Idempotency-Key': bookKey },
    });
    showBooked(data);
    ok(`予約しました：${data.code}`, `Booked: ${data.code}`);
    bookKey = null;
    // The next caller starts from a clean form: no one else's e-mail stays in it.
    el('book-email').value = '';
    el('book-language').value = 'ja';
    if (dayInput.value === data.date) loadDay();
    bookChanged();
  } catch (err) {
    fail(err, err?.status === 409 ? 'この時間は満員です。別の時間を選んでください' : '予約できませんでした',
      err?.status === 409 ? 'This time is full. Choose another time' : 'Could not book');
    if (err?.status === 409) bookChanged();
  } finally {
    busy = false;
    el('book-submit').disabled = false;
  }
}

function showBooked(b) {
  const d = dayText(b.date);
  const result = el('book-result');
  setContent(
    result,
    h('p', { class: 'sb-result-head' }, '住民の方にお伝えください：予約番号 ', h('small', { lang: 'en' }, 'Read this to the resident: booking code')),
    h('div', { class: 'sb-result-code', dataset: { testid: 'booked-code' } }, b.code),
    h('p', { class: 'sb-spoken', 'aria-hidden': 'true' }, spoken(b.code)),
    h('p', { class: 'sb-result-slot' }, `${d.ja} ${b.time}〜 `, h('small', { lang: 'en' }, `${d.en}, ${b.time}`)),
    h('p', {}, procsText(b.procedures), h('small', { lang: 'en' }, ` ${procsText(b.procedures, 'en')}`)),
    h('p', { class: 'muted' }, '当日は発券機で予約番号を入力していただきます。 ', h('small', { lang: 'en' }, 'On the day the resident enters this code at the kiosk.')),
  );
  result.hidden = false;
  result.scrollIntoView({ block: 'nearest' });
}

// ------------------------------------------------------------------ move or cancel

async function openBooking(code) {
  el('change-code').value = code;
  await findBooking();
  el('change-booking').scrollIntoView({ block: 'nearest' });
}

async function findBooking(e) {
  e?.preventDefault();
  const code = el('change-code').value.replace(/[\s-]/g, '').toUpperCase();
  el('change-code').value = code;
  resetCancel();
  if (!/^[A-Z0-9]{8}$/.test(code)) {
    fail(new Error(''), '予約番号は8文字です', 'A booking code has 8 characters');
    el('change-code').focus();
    return;
  }
  try {
    const { data } = await api(`/api/bookings/${enc(code)}`);
    if (data.officeId !== office) {
      found = null;
      el('change-booking').hidden = true;
      el('move-form').hidden = true;
      fail(new Error(''), 'この窓口の予約ではありません', 'This booking is for another office');
      return;
    }
    clearMessage(messageEl);
    showFound(data);
  } catch (err) {
    found = null;
    el('change-booking').hidden = true;
    el('move-form').hidden = true;
    fail(err, err?.status === 404 ? 'この予約番号は見つかりません' : '予約を読み込めません', err?.status === 404 ? 'No booking has this code' : 'Cannot load the booking');
  }
}

function showFound(b) {
  found = b;
  const d = dayText(b.date);
  const box = el('change-booking');
  box.dataset.code = b.code;
  box.dataset.state = b.state;
  setContent(
    box,
    h('div', { class: 'sb-found-head' }, h('span', { class: 'sb-code sb-code-big' }, b.code), stateBadge(b.state)),
    h('p', { class: 'sb-result-slot' }, `${d.ja} ${b.time}〜 `, h('small', { lang: 'en' }, `${d.en}, ${b.time}`)),
    h('p', {}, procsText(b.procedures), h('small', { lang: 'en' }, ` ${procsText(b.procedures, 'en')}`)),
    b.state !== 'confirmed' ? h('p', { class: 'muted' }, 'この予約は変更・取消できません。 ', h('small', { lang: 'en' }, 'This booking can no longer be moved or cancelled.')) : null,
  );
  box.hidden = false;
  const open = b.state === 'confirmed';
  el('move-form').hidden = !open;
  if (open) {
    el('move-date').value = b.date;
    moveChanged();
  }
}

function moveChanged() {
  moveSlot = null;
  if (!found) return;
  renderSlots(el('move-slots'), found.procedures, el('move-date').value, {
    prefix: 'move-slot',
    chosen: null,
    current: { date: found.date, time: found.time },
    onPick: (time) => {
      moveSlot = time;
    },
  });
}

async function move(e) {
  e.preventDefault();
  if (busy || !found) return;
  const date = el('move-date').value;
  if (!date || !moveSlot) return fail(new Error(''), '変更先の日付と時間を選んでください', 'Choose the new date and time');
  busy = true;
  el('move-submit').disabled = true;
  try {
    const { data } = await staffApi(`/api/offices/${enc(office)}/bookings/${enc(found.code)}/move`, { method: 'POST', body: { date, time: moveSlot } });
    const d = dayText(data.date);
    ok(`${data.code} を ${d.ja} ${data.time} に変更しました`, `${data.code} moved to ${d.en}, ${data.time}`);
    showFound(data);
    loadDay();
  } catch (err) {
    fail(err, err?.status === 409 ? '変更できませんでした（満員または変更できない状態）。予約は元のままです' : '変更できませんでした',
      err?.status === 409 ? 'Not moved (full, or no longer possible). The booking is unchanged' : 'Could not move the booking');
    moveChanged();
  } finally {
    busy = false;
    el('move-submit').disabled = false;
  }
}

function resetCancel() {
  const button = el('cancel-submit');
  button.dataset.confirm = 'false';
  setContent(button, '予約を取り消す', h('small', { lang: 'en' }, 'Cancel the booking'));
}

async function cancel() {
  if (busy || !found) return;
  const button = el('cancel-submit');
  if (button.dataset.confirm !== 'true') {
    button.dataset.confirm = 'true';
    setContent(button, `本当に ${found.code} を取り消す`, h('small', { lang: 'en' }, `Really cancel ${found.code}`));
    return;
  }
  busy = true;
  button.disabled = true;
  try {
    const { data } = await staffApi(`/api/offices/${enc(office)}/bookings/${enc(found.code)}/cancel`, { method: 'POST' });
    ok(`${data.code} を取り消しました`, `${data.code} cancelled`);
    resetCancel();
    showFound(data);
    loadDay();
  } catch (err) {
    fail(err, '取り消せませんでした', 'Could not cancel');
    resetCancel();
  } finally {
    busy = false;
    button.disabled = false;
  }
}

// ------------------------------------------------------------------ main

function renderProcedureChoices() {
  setContent(el('book-procs'), (officeInfo?.procedures ?? []).map((p) => h(
    'label',
    { class: 'proc-check sb-proc' },
    h('input', { type: 'checkbox', value: p.code, dataset: { testid: `book-proc-${p.code}` }, onchange: bookChanged }),
    h('span', {}, nameText(p.name, 'ja'), ' ', h('small', { lang: 'en' }, nameText(p.name, 'en'))),
  )));
}

async function main() {
  officeInfo = await loadOffice(office, (err) => showProblem(messageEl, err, { ja: '窓口の情報を読み込めません', en: 'Cannot load the office' }));
  clearMessage(messageEl);
  showOfficeName(officeInfo, '予約の管理');
  zone = officeInfo.timeZone || zone;
  setZone(officeInfo.timeZone);
  el('console-link').href = `staff.html?office=${enc(office)}`;
  renderProcedureChoices();
  const start = /^\d{4}-\d{2}-\d{2}$/.test(param('date')) ? param('date') : officeToday();
  dayInput.value = start;
  el('book-date').value = start;

  dayInput.addEventListener('change', () => loadDay());
  el('prev-day').addEventListener('click', () => showDay(addDays(dayInput.value || officeToday(), -1)));
  el('next-day').addEventListener('click', () => showDay(addDays(dayInput.value || officeToday(), 1)));
  el('today-btn').addEventListener('click', () => showDay(start));
  el('book-date').addEventListener('change', bookChanged);
  el('book-form').addEventListener('submit', book);
  el('book-email').addEventListener('input', () => { bookKey = null; });
  el('book-language').addEventListener('change', () => { bookKey = null; });
  el('find-form').addEventListener('submit', findBooking);
  el('move-date').addEventListener('change', moveChanged);
  el('move-form').addEventListener('submit', move);
  el('cancel-submit').addEventListener('click', cancel);

  setupSignIn({
    roles: ['counter', 'supervisor', 'admin'],
    roleHint: { ja: 'この画面は職員用です', en: 'This screen is for staff' },
    onSignedIn: () => {
      loadDay();
      // Check-ins and no-shows happen at the counters: the list follows every 30 seconds.
      clearInterval(refreshTimer);
      refreshTimer = setInterval(() => {
        if (document.body.dataset.signedIn === 'true' && !document.hidden) loadDay();
      }, 30000);
      document.body.dataset.ready = 'true';
    },
    onSignedOut: () => {
      clearInterval(refreshTimer);
      setContent(el('day-list'));
      found = null;
    },
  });
}

main().catch(() => {});
