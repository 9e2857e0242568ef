// The Electron shell: one instance, one window, the IPC binding, and by install mode either the
// engine over userData/boxoffice.sqlite with daily backups and a backup at quit (standalone), or
// every call forwarded to the paired box office server (counter: no database here, so no backups
// and no outbox). Everything worth testing lives elsewhere.
import { app, BrowserWindow, Menu, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { Engine } from '../engine/engine';
import { createRouter } from '../engine/router';
import { seedDemo } from '../engine/demo/seed';
import { BACKUP_DIR, DB_FILE, LOG_DIR } from '../engine/dataFiles';
import { backupNow, scheduleDailyBackups } from '../engine/backup/schedule';
import { bindIpc, type IpcBinding } from './ipc';
import { createInstall, type Install } from './counter/install';
import { runBundledHost, serveArgs, spawnServer } from './serve';
import { rotatingLogger } from './logFile';
import { createPrinter } from './printer';
import { appOriginCheck } from './security';
import { applicationMenu, createMainWindow, focusWindow, hardenSession, hardenWebContents } from './window';

// dist/main/index.cjs sits next to dist/preload and dist/renderer (also inside app.asar).
const PRELOAD = join(__dirname, '..', 'preload', 'index.cjs');
const INDEX_HTML = join(__dirname, '..', 'renderer', 'index.html');
const dev = !app.isPackaged;

let mainWindow: BrowserWindow | undefined;
let engine: Engine | undefined;
let install: Install | undefined;
let ipc: IpcBinding | undefined;
let stopBackups: (() => void) | undefined;
let quitting = false;
// `npm run demo`: a separate data folder filled with the demo theater, so real data is never touched.
const demo = process.argv.includes('--demo') || process.env.BOX_OFFICE_DEMO === '1';

const serve = serveArgs(process.argv);

if (serve) {
  // A headless box office server: no window, no single-instance lock (it has its own data folder).
  runBundledHost(serve);
} else if (!startDesktop()) {
  // Another instance owns the database: it focuses its window (second-instance below).
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.whenReady().then(start, (e: unknown) => {
    console.error('Box Office could not start:', e);
    app.exit(1);
  });
}

/** The desktop app's first steps; false when another instance owns the database. */
function startDesktop(): boolean {
  app.enableSandbox();
  if (demo) app.setPath('userData', join(app.getPath('appData'), 'Box Office Demo'));
  return app.requestSingleInstanceLock();
}

function openWindow(): void {
  mainWindow = createMainWindow({ preload: PRELOAD, indexHtml: INDEX_HTML });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

function start(): void {
  const userData = app.getPath('userData');
  const log = rotatingLogger({ dir: join(userData, LOG_DIR), echo: dev });
  log.info('starting', { version: app.getVersion(), userData });
  hardenSession(session.defaultSession);
  Menu.setApplicationMenu(applicationMenu(process.platform === 'darwin', dev));

  // The local box office (standalone or server): opened only in those modes, since a counter has
  // no database. Opened once; switching standalone <-> server only moves the background work.
  const openLocal = ({ background }: { background: boolean }) => {
    if (!engine) {
      try {
        engine = new Engine({
          file: join(userData, DB_FILE),
          backupDir: join(userData, BACKUP_DIR),
          log,
          printer: createPrinter({ receiptsDir: join(userData, 'receipts'), log }),
          appVersion: app.getVersion(),
        });
      } catch (err) {
        log.error('the database could not be opened', { error: String(err) });
        throw err;
      }
      if (demo && seedDemo(engine.ctx)) log.info('demo data added (Manager PIN 1234, Cashier PIN 0000)');
      engine.startSweeper(1000);
    }
    const e = engine;
    stopBackups?.();
    stopBackups = undefined;
    // In server mode the server process on this data folder sends the outbox and makes the backups.
    e.ctx.mode = background ? 'standalone' : 'server';
    if (background) {
      e.startOutbox();
      stopBackups = scheduleDailyBackups(e);
    } else e.stopOutbox();
    const router = createRouter(e);
    return { dispatch: router.dispatch, on: (l: Parameters<Engine['on']>[0]) => e.on(l), close: () => undefined };
  };
  // Server mode: the headless server as a child on the same data folder; its fingerprint is shown
  // in Manager > Counters once it printed it.
  const startServer = () => {
    const child = spawnServer({ command: process.execPath, prefix: app.isPackaged ? [] : [app.getAppPath()], dataDir: userData, log });
    const poll = setInterval(() => {
      const fp = child.fingerprint();
      if (fp && engine) {
        engine.ctx.fingerprint = fp;
        clearInterval(poll);
      }
    }, 500);
    poll.unref();
    return {
      stop() {
        clearInterval(poll);
        if (engine) engine.ctx.fingerprint = null;
        child.stop();
      },
    };
  };
  // The demo is always a standalone box office of its own.
  install = createInstall({ userData, store: safeStorage, appVersion: app.getVersion(), log, openLocal, startServer });
  if (demo && install.status().mode === null) void install.dispatch('install.choose', { mode: 'standalone' }, { token: null });
  ipc = bindIpc({ router: install, engine: install, isTrustedUrl: appOriginCheck(INDEX_HTML), log });
  openWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (!quitting && !engine) {
      ipc?.dispose();
      install?.close();
      return;
    }
    if (quitting || !engine) return;
    // One backup at quit, then close the database; quit again once done.
    event.preventDefault();
    quitting = true;
    const e = engine;
    stopBackups?.();
    void backupNow(e).finally(() => {
      ipc?.dispose();
      install?.close();
      try {
        e.close();
      } catch (err) {
        log.error('closing the engine failed', { error: String(err) });
      }
      engine = undefined;
      log.info('stopped');
      app.quit();
    });
  });
}
