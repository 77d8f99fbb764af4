// Lobby announcements: a two-tone chime (Web Audio, no audio files) then speech
// (Web Speech API) in Japanese and then English. Browsers allow audio only after a
// user gesture, so nothing sounds until enable() runs from a click.

let audioContext = null;
let enabled = false;
const queue = [];
let running = false;

export function isEnabled() {
  return enabled;
}

/** Call from a click handler. Unlocks Web Audio and speech synthesis. */
export async function enable() {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (Ctx && !audioContext) audioContext = new Ctx();
  if (audioContext?.state === 'suspended') {
    try {
      await audioContext.resume();
    } catch {
      // ignore: the chime is skipped
    }
  }
  if ('speechSynthesis' in window) {
    // Unlock speech in browsers that require the first utterance inside a gesture.
    const u = new SpeechSynthesisUtterance(' ');
    u.volume = 0;
    window.speechSynthesis.speak(u);
    window.speechSynthesis.getVoices();
  }
  enabled = true;
  await chime();
}

/** "ピン・ポーン": two sine tones, high then low. Resolves when finished. */
export function chime() {
  if (!audioContext || audioContext.state !== 'running') return Promise.resolve();
  const t0 = audioContext.currentTime + 0.05;
  const tone = (freq, start, length) => {
    const osc = audioContext.createOscillator();
    const gain = audioContext.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.35, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    osc.connect(gain).connect(audioContext.destination);
    osc.start(start);
    osc.stop(start + length + 0.05);
  };
  tone(880, t0, 0.9); // A5
  tone(698.46, t0 + 0.55, 1.2); // F5
  return new Promise((resolve) => setTimeout(resolve, 1900));
}

function pickVoice(lang) {
  const voices = window.speechSynthesis.getVoices();
  const exact = voices.filter((v) => v.lang?.replace('_', '-').toLowerCase() === lang.toLowerCase());
  const prefix = lang.split('-')[0].toLowerCase();
  const loose = voices.filter((v) => v.lang?.toLowerCase().startsWith(prefix));
  return [...exact, ...loose].sort((a, b) => Number(b.localService) - Number(a.localService))[0] ?? null;
}

/** Speaks `text` in `lang` (e.g. "ja-JP"). Resolves when done, on error, or after a safety timeout. */
export function speak(text, lang) {
  if (!('speechSynthesis' in window) || typeof SpeechSynthesisUtterance === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = lang;
    const voice = pickVoice(lang);
    if (voice) u.voice = voice;
    u.rate = lang.startsWith('ja') ? 0.9 : 0.85;
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, 4000 + text.length * 250);
    u.onend = done;
    u.onerror = done;
    window.speechSynthesis.speak(u);
  });
}

/** "A-001" → "A 1" for speech (voices read "A-001" as "A minus zero zero one"). */
export function speakableNumber(number) {
  const m = /^([A-Za-z]+)[-\s]?0*(\d+)$/.exec(String(number ?? '').trim());
  return m ? `${m[1].toUpperCase()} ${m[2]}` : String(number ?? '');
}

/**
 * The words of a call, for the screen (ja, en) and for speech (speechJa, speechEn).
 * A recall (the same ticket called again) says so.
 */
export function callTexts(number, counter, { recall = false } = {}) {
  const n = speakableNumber(number);
  return recall
    ? {
      ja: `もう一度お呼びします。${number}番の方、${counter}番窓口へお越しください。`,
      en: `Calling again: number ${number}, please go to counter ${counter}.`,
      speechJa: `もう一度お呼びします。${n}番の方、${counter}番窓口へお越しください。`,
      speechEn: `Calling again. Number ${n}, please go to counter ${counter}.`,
    }
    : {
      ja: `${number}番の方、${counter}番窓口へお越しください。`,
      en: `Number ${number}, please go to counter ${counter}.`,
      speechJa: `${n}番の方、${counter}番窓口へお越しください。`,
      speechEn: `Number ${n}, please go to counter ${counter}.`,
    };
}

/** Queues an announcement; calls are announced one after another, never overlapping. */
export function announce(number, counter, onText, { recall = false } = {}) {
  queue.push({ number, counter, onText, recall });
  if (!running) run();
}

async function run() {
  running = true;
  try {
    while (queue.length) {
      const { number, counter, onText, recall } = queue.shift();
      const texts = callTexts(number, counter, { recall });
      onText?.(texts);
      if (!enabled) continue;
      await chime();
      await speak(texts.speechJa, 'ja-JP');
      await speak(texts.speechEn, 'en-US');
    }
  } finally {
    running = false;
  }
}
