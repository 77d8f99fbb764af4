// Live updates over the SignalR hub at /hubs/queue.
//
//   const live = startLive({ query: { office: 'demo' }, event: 'queueStatus', onMessage(msg) { ... } });
//
// - Reconnects forever (automatic reconnect, and a restart loop when the connection closes
//   or the first start fails).
// - Version check: a message whose `version` is <= the last applied one is ignored. The first
//   message on every new or re-established connection is the server's snapshot and is always
//   applied (even with an equal or lower version — e.g. after a server restart).
// - document.body.dataset.live is "true" once a snapshot arrived on the current connection and
//   "false" whenever the connection is down or not yet synced; a banner
//   「接続が切れています / Offline — reconnecting」 is shown whenever it is not "true",
//   and elements with class "live-data" are dimmed (site.css), so old data never looks live.
//
// The SignalR client (window.signalR) comes from /lib/signalr/signalr.min.js, loaded by each page
// with a classic <script> before its module.

const RETRY_DELAYS_MS = [0, 1000, 2000, 3000, 5000];
const MAX_RETRY_DELAY_MS = 5000;

function retryDelay(attempt) {
  const base = RETRY_DELAYS_MS[attempt] ?? MAX_RETRY_DELAY_MS;
  return base + (base ? Math.floor(Math.random() * (base >= MAX_RETRY_DELAY_MS ? 2000 : 500)) : 0);
}

let banner;

function ensureBanner() {
  if (banner) return banner;
  banner = document.getElementById('live-banner');
  if (!banner) {
    banner = document.createElement('div');
    banner.id = 'live-banner';
    banner.className = 'live-banner';
    banner.dataset.testid = 'live-banner';
    banner.setAttribute('role', 'status');
    banner.setAttribute('aria-live', 'assertive');
    document.body.prepend(banner);
  }
  return banner;
}

function showBanner(kind) {
  const el = ensureBanner();
  const texts = {
    connecting: ['接続しています…', 'Connecting…'],
    offline: ['接続が切れています', 'Offline — reconnecting'],
    unavailable: ['表示を更新できません', 'Live updates unavailable — please reload'],
  };
  const [ja, en] = texts[kind] ?? texts.offline;
  el.dataset.kind = kind;
  const text = document.createElement('span');
  text.className = 'live-banner-text';
  text.append(
    Object.assign(document.createElement('span'), { lang: 'ja', textContent: ja }),
    Object.assign(document.createElement('span'), { lang: 'en', className: 'en', textContent: en }),
  );
  el.replaceChildren(text);
  el.hidden = false;
}

function setLive(isLive, kind) {
  document.body.dataset.live = isLive ? 'true' : 'false';
  if (isLive) ensureBanner().hidden = true;
  else showBanner(kind);
}

/**
 * Opens the hub connection.
 * @param {object} options
 * @param {Record<string,string>} options.query  e.g. { office: 'demo' } or { ticket: token }
 * @param {string} options.event                 'queueStatus' or 'ticketStatus'
 * @param {(msg: any, info: { snapshot: boolean }) => void} options.onMessage  called for every applied message
 * @param {(live: boolean) => void} [options.onLiveChange]
 * @param {(err: any) => void} [options.onStartError]  a failed (re)start, e.g. err.statusCode 404
 */
export function startLive({ query, event, onMessage, onLiveChange, onStartError }) {
  setLive(false, 'connecting');
  const signalR = window.signalR;
  if (!signalR) {
    console.error('SignalR client missing: /lib/signalr/signalr.min.js did not load.');
    setLive(false, 'unavailable');
    return { connection: null, stop() {} };
  }

  const url = `/hubs/queue?${new URLSearchParams(query)}`;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(url)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelay(ctx.previousRetryCount) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  let lastVersion = null;
  let synced = false; // a snapshot arrived on the current connection
  let everLive = false;
  let attempt = 0;
  let retryTimer = null;
  let stopped = false;

  const goLive = (value) => {
    const was = document.body.dataset.live === 'true';
    setLive(value, everLive ? 'offline' : 'connecting');
    if (was !== value) onLiveChange?.(value);
  };

  connection.on(event, (msg) => {
    if (!msg || typeof msg !== 'object') return;
    const version = Number(msg.version);
    const hasVersion = msg.version !== undefined && msg.version !== null && Number.isFinite(version);
    const snapshot = !synced;
    if (!snapshot && hasVersion && lastVersion !== null && version <= lastVersion) return; // stale or duplicate
    if (hasVersion) lastVersion = version;
    synced = true;
    try {
      onMessage(msg, { snapshot });
    } finally {
      everLive = true;
      goLive(true);
    }
  });

  connection.onreconnecting(() => {
    synced = false;
    goLive(false);
  });

  connection.onreconnected(() => {
    // Still not live: wait for the snapshot the server sends on every (re)connect.
    synced = false;
    attempt = 0;
  });

  connection.onclose(() => {
    synced = false;
    goLive(false);
    if (!stopped) schedule(retryDelay(++attempt));
  });

  function schedule(delay) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(start, delay);
  }

  async function start() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (stopped || connection.state !== signalR.HubConnectionState.Disconnected) return;
    synced = false;
    goLive(false);
    try {
      await connection.start();
      attempt = 0;
    } catch (err) {
      onStartError?.(err);
      if (!stopped) schedule(retryDelay(++attempt));
    }
  }

  // Phones suspend background tabs; browsers know when the network comes back.
  const wake = () => {
    if (connection.state === signalR.HubConnectionState.Disconnected) {
      attempt = 0;
      start();
    }
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') wake();
  });
  window.addEventListener('online', async () => {
    // The socket may have survived the outage without a new snapshot: reconnect to get one.
    if (connection.state === signalR.HubConnectionState.Connected && !synced) {
      try {
        await connection.stop();
      } catch {
        // onclose schedules the restart anyway
      }
    }
    wake();
  });
  window.addEventListener('offline', () => {
    synced = false;
    goLive(false);
  });

  start();

  return {
    connection,
    get live() {
      return document.body.dataset.live === 'true';
    },
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      return connection.stop();
    },
  };
}
