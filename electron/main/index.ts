// The Electron shell: one instance, one window, the engine over userData/boxoffice.sqlite, the
// IPC binding, daily backups and a backup at quit. Everything worth testing lives elsewhere.
import { app, BrowserWindow, Menu, session } from 'electron';
import { join } from 'node:path';
import { Engine } from '../engine/engine';
import { createRouter } from '../engine/router';
import { seedDemo } from '../engine/demo/seed';
import { BACKUP_DIR, DB_FILE, LOG_DIR } from '../engine/dataFiles';
import { backupNow, scheduleDailyBackups } from './backups';
import { bindIpc, type IpcBinding } from './ipc';
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
let ipc: IpcBinding | undefined;
let stopBackups: (() => void) | undefined;
let quitting = false;
// `npm run demo`: a separate data folder filled with the demo theater, so real data is never touched.
const demo = process.argv.includes('--demo') || process.env.BOX_OFFICE_DEMO === '1';

app.enableSandbox();
if (demo) app.setPath('userData', join(app.getPath('appData'), 'Box Office Demo'));

if (!app.requestSingleInstanceLock()) {
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

  try {
    engine = new Engine({
      file: join(userData, DB_FILE),
      backupDir: join(userData, BACKUP_DIR),
      log,
      printer: createPrinter({ receiptsDir: join(userData, 'receipts'), log }),
    });
  } catch (e) {
    log.error('the database could not be opened', { error: String(e) });
    throw e;
  }
  if (demo && seedDemo(engine.ctx)) log.info('demo data added (Manager PIN 1234, Cashier PIN 0000)');
  engine.startSweeper(1000);
  engine.startOutbox();
  ipc = bindIpc({ router: createRouter(engine), engine, isTrustedUrl: appOriginCheck(INDEX_HTML), log });
  stopBackups = scheduleDailyBackups(engine);
  openWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (quitting || !engine) return;
    // One backup at quit, then close the database; quit again once done.
    event.preventDefault();
    quitting = true;
    const e = engine;
    stopBackups?.();
    void backupNow(e).finally(() => {
      ipc?.dispose();
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
