// 迷わない guide + booking: procedures (or a life event) → what to bring and where → a slot → confirm → code + QR.
import {
  officeId, param, loadOffice, api, newUuid, h, bi, biName, setContent, showOfficeName, showProblem, clearMessage, fillLineBox,
} from './api.js';

const office = officeId();
const el = (id) => document.getElementById(id);
const messageEl = el('book-message');
const enc = encodeURIComponent;

/** Life events → the procedures they need, in the order they are handled. */
const EVENTS = [
  { name: 'tennyu', ja: '転入（市外から引っ越してきた）', en: 'Moving in (from another city)', procedures: ['tennyu', 'juminhyo'] },
  { name: 'shussei', ja: '出生（赤ちゃんが生まれた）', en: 'Birth of a child', procedures: ['shussei', 'juminhyo'] },
  { name: 'tenkyo', ja: '引っ越し（市内で）', en: 'Moving within the city', procedures: ['tenkyo', 'juminhyo'] },
];

const CROWD = {
  1: { ja: '空いています', en: 'Quiet' },
  2: { ja: 'やや空き', en: 'Fairly quiet' },
  3: { ja: 'ふつう', en: 'Moderate' },
  4: { ja: 'やや混雑', en: 'Busy' },
  5: { ja: '混雑', en: 'Very busy' },
};

const LANGUAGES = ['ja', 'en', 'zh', 'ko'];

/** The page's language for messages: ?lang= when given, else the browser's first preferred one we send in, else ja. */
function pageLanguage() {
  const asked = param('lang').toLowerCase();
  if (LANGUAGES.includes(asked)) return asked;
  for (const l of navigator.languages ?? [navigator.language ?? '']) {
    const base = String(l).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'ja';
}

let officeInfo = null;
let chosen = []; // procedure codes in the order chosen
let slot = null; // { date, time }

// ------------------------------------------------------------------ helpers

function procedureOf(code) {
  return officeInfo?.procedures?.find((p) => p.code === code) ?? null;
}

function queueName(queueId) {
  return officeInfo?.queues?.find((q) => String(q.id) === String(queueId))?.name ?? null;
}

/** 「11月24日(火)」 / "Tue 24 Nov" from yyyy-MM-dd (a calendar date, no time zone involved). */
function dayText(date) {
  const [y, m, d] = date.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  const wJa = '日月火水木金土'[dt.getUTCDay()];
  const wEn = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][dt.getUTCDay()];
  const mEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return { ja: `${m}月${d}日(${wJa})`, en: `${wEn} ${d} ${mEn}` };
}

const slotId = (s) => `slot-${s.date}-${String(s.time).replace(':', '')}`;

function crowdOf(s) {
  if (Number(s.remaining) <= 0) return { ja: '満員', en: 'Full' };
  return CROWD[Number(s.crowdLevel)] ?? CROWD[3];
}

// ------------------------------------------------------------------ step 1

function renderEvents() {
  const available = EVENTS.filter((e) => e.procedures.every((c) => procedureOf(c)));
  setContent(
    el('events'),
    available.map((e) => h(
      'button',
      { type: 'button', class: 'event-btn', 'aria-pressed': 'false', dataset: { testid: `event-${e.name}`, event: e.name }, onclick: () => choose(e.procedures) },
      bi(e.ja, e.en),
      h('span', { class: 'event-procs' }, e.procedures.map((c) => biName(procedureOf(c)?.name, { inline: true })).reduce((acc, x) => (acc.length ? [...acc, '＋', x] : [x]), [])),
    )),
  );
}

function renderProcedures() {
  setContent(
    el('procedures'),
    (officeInfo?.procedures ?? []).map((p) => h(
      'label',
      { class: 'proc-check' },
      h('input', {
        type: 'checkbox',
        value: p.code,
        dataset: { testid: `procedure-${p.code}` },
        onchange: (e) => toggle(p.code, e.target.checked),
      }),
      h('span', { class: 'proc-check-name' }, biName(p.name)),
      p.minutes ? h('span', { class: 'proc-check-min' }, bi(`約${p.minutes}分`, `about ${p.minutes} min`, { inline: true })) : null,
    )),
  );
}

function choose(codes) {
  chosen = [...codes];
  update();
}

function toggle(code, on) {
  chosen = on ? [...chosen.filter((c) => c !== code), code] : chosen.filter((c) => c !== code);
  update();
}

function update() {
  for (const box of el('procedures').querySelectorAll('input[type=checkbox]')) box.checked = chosen.includes(box.value);
  for (const b of el('events').querySelectorAll('.event-btn')) {
    const e = EVENTS.find((x) => x.name === b.dataset.event);
    const same = e && e.procedures.length === chosen.length && e.procedures.every((c) => chosen.includes(c));
    b.setAttribute('aria-pressed', same ? 'true' : 'false');
  }

  const procs = chosen.map(procedureOf).filter(Boolean);
  const seen = new Set();
  const bring = [];
  for (const p of procs) {
    for (const b of Array.isArray(p.bring) ? p.bring : []) {
      const key = `${b.ja ?? ''}|${b.en ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        bring.push(b);
      }
    }
  }
  setContent(el('bring-list'), bring.length
    ? bring.map((b) => h('li', {}, biName(b)))
    : [h('li', {}, bi('特にありません', 'Nothing in particular'))]);

  const queues = [];
  for (const p of procs) if (!queues.includes(String(p.queue))) queues.push(String(p.queue));
  setContent(el('queue-list'), queues.map((q) => {
    const name = queueName(q);
    const list = procs.filter((p) => String(p.queue) === q);
    return h(
      'li',
      { dataset: { queue: q } },
      h('span', { class: 'queue-badge' }, q),
      h('span', { class: 'queue-what' }, name ? biName(name, { inline: true }) : q,
        h('span', { class: 'queue-procs' }, list.map((p) => biName(p.name, { inline: true })).reduce((acc, x) => (acc.length ? [...acc, '、', x] : [x]), []))),
    );
  }));

  const minutes = procs.reduce((sum, p) => sum + (Number(p.minutes) || 0), 0);
  el('total-minutes').dataset.minutes = String(minutes);
  setContent(el('total-minutes'), bi(`窓口での所要時間の目安 約${minutes}分`, `Time at the counter: about ${minutes} min`, { inline: true }));

  el('guide').hidden = procs.length === 0;
  el('next').disabled = procs.length === 0;
  // Changing the procedures invalidates the slots shown.
  el('step-2').hidden = true;
  el('step-3').hidden = true;
  slot = null;
}

// ------------------------------------------------------------------ step 2

async function loadSlots() {
  clearMessage(messageEl);
  el('step-2').hidden = false;
  el('step-3').hidden = true;
  slot = null;
  el('slots-loading').hidden = false;
  setContent(el('calendar'));
  setContent(el('quiet-list'));
  el('step-2').scrollIntoView({ block: 'start' });
  try {
    // 14 calendar days from the office's today cover the next 7 open days (weekends and holidays have no slots).
    const { data } = await api(`/api/offices/${enc(office)}/availability?procedures=${chosen.map(enc).join(',')}&days=14`);
    renderSlots(data);
  } catch (err) {
    showProblem(messageEl, err, { ja: '空き状況を読み込めませんでした', en: 'Could not load the available times' });
  } finally {
    el('slots-loading').hidden = true;
  }
}

function slotButton(s, { withDay = false } = {}) {
  const full = Number(s.remaining) <= 0;
  const level = full ? 'full' : String(Math.min(5, Math.max(1, Number(s.crowdLevel) || 3)));
  const label = crowdOf(s);
  const day = dayText(s.date);
  return h(
    'button',
    {
      type: 'button',
      class: `slot-btn crowd-${level}`,
      disabled: full,
      'aria-pressed': 'false',
      'aria-label': `${day.ja} ${s.time} ${label.ja} / ${day.en} ${s.time} ${label.en}`,
      dataset: withDay ? { crowd: level, date: s.date, time: s.time } : { testid: slotId(s), crowd: level, remaining: String(s.remaining), full: full ? 'true' : 'false', date: s.date, time: s.time },
      onclick: () => pick(s),
    },
    withDay ? h('span', { class: 'slot-day' }, day.ja) : null,
    h('span', { class: 'slot-time' }, s.time),
    h('span', { class: 'slot-crowd' }, label.ja),
    h('span', { class: 'slot-crowd en', lang: 'en' }, label.en),
  );
}

function renderSlots(data) {
  const slots = Array.isArray(data?.slots) ? data.slots : [];
  const days = [...new Set(slots.map((s) => s.date))].sort().slice(0, 7);
  if (!days.length) {
    setContent(el('calendar'), h('p', { class: 'message' }, bi('予約できる日時がありません', 'No times are available to book')));
  } else {
    setContent(el('calendar'), days.map((d) => {
      const t = dayText(d);
      return h(
        'section',
        { class: 'slot-day-col', dataset: { date: d } },
        h('h3', { class: 'slot-day-title' }, bi(t.ja, t.en)),
        h('div', { class: 'slot-list' }, slots.filter((s) => s.date === d).sort((a, b) => String(a.time).localeCompare(String(b.time))).map((s) => slotButton(s))),
      );
    }));
  }
  const quiet = (Array.isArray(data?.quietest) ? data.quietest : []).filter((s) => Number(s.remaining) > 0);
  setContent(el('quiet-list'), quiet.length
    ? quiet.map((s) => h('li', {}, slotButton(s, { withDay: true })))
    : [h('li', {}, bi('ありません', 'None'))]);
}

function pick(s) {
  slot = { date: s.date, time: s.time };
  for (const b of document.querySelectorAll('.slot-btn')) {
    b.setAttribute('aria-pressed', b.dataset.date === s.date && b.dataset.time === s.time ? 'true' : 'false');
  }
  const d = dayText(s.date);
  setContent(el('chosen-slot'), bi(`${d.ja} ${s.time}〜`, `${d.en}, ${s.time}`));
  setContent(el('chosen-procedures'), chosen.map(procedureOf).filter(Boolean).map((p) => h('span', { class: 'chosen-proc' }, biName(p.name, { inline: true }))));
  el('step-3').hidden = false;
  clearMessage(messageEl);
  el('step-3').scrollIntoView({ block: 'start' });
}

// ------------------------------------------------------------------ step 3

let booking = false;
async function confirm() {
  if (booking || !slot) return;
  booking = true;
  const button = el('confirm');
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  clearMessage(messageEl);
  const line = el('line-user-id').value.trim();
  const email = el('email').value.trim();
  try {
    const { data } = await api(`/api/offices/${enc(office)}/bookings`, {
      method: 'POST',
      body: {
        procedures: chosen, date: slot.date, time: slot.time, language: el('language').value,
        ...(line ? { lineUserId: line } : {}), ...(email ? { email } : {}),
      },
      headers: { 'Idempotency-Key': newUuid() },
    });
    showBooked(data);
  } catch (err) {
    const full = err?.status === 409;
    showProblem(messageEl, err, full
      ? { ja: 'この時間は満員になりました。別の時間を選んでください', en: 'This time is now full. Please choose another time' }
      : { ja: '予約できませんでした', en: 'Could not book' });
    messageEl.scrollIntoView({ block: 'center' });
    if (full) loadSlots();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    booking = false;
  }
}

function showBooked(b) {
  el('step-1').hidden = true;
  el('step-2').hidden = true;
  el('step-3').hidden = true;
  el('booking-code').textContent = b.code ?? '';
  const d = dayText(b.date);
  setContent(el('booked-slot'), bi(`${d.ja} ${b.time}〜`, `${d.en}, ${b.time}`));
  el('booking-qr').src = b.qrUrl;
  el('calendar-link').href = b.calendarUrl;
  el('calendar-link').setAttribute('download', `matanai-${b.code}.ics`);
  el('manage-link').href = `booking.html?code=${enc(b.code)}`;
  fillLineBox(el('booked').querySelector('.line-box'), 'booking', b.code);
  el('booked').hidden = false;
  window.scrollTo(0, 0);
}

// ------------------------------------------------------------------ main

el('next').addEventListener('click', loadSlots);
el('back-1').addEventListener('click', () => {
  el('step-2').hidden = true;
  el('step-3').hidden = true;
  el('step-1').scrollIntoView({ block: 'start' });
});
el('confirm').addEventListener('click', confirm);

async function main() {
  officeInfo = await loadOffice(office, (err) => showProblem(messageEl, err, { ja: '窓口の情報を読み込めません', en: 'Cannot load the office' }));
  clearMessage(messageEl);
  showOfficeName(officeInfo, '来庁予約');
  el('language').value = pageLanguage();
  renderEvents();
  renderProcedures();
  const preset = new URLSearchParams(location.search).get('event');
  const e = EVENTS.find((x) => x.name === preset);
  if (e) choose(e.procedures);
  else update();
  document.body.dataset.ready = 'true';
}

main().catch(() => {});
