// `npm run bench:ui`: what a cashier feels, measured in Chromium (Playwright, Debian's chromium)
// through the browser host serving the production renderer build, on demo data with the
// 3,000-seat hall: click a show to its map on screen (the next frame), click a seat to "held" on
// screen, main-thread time per pushed seat change (another counter holding and releasing seats of
// the open show), and the page's DOM element count. Loopback only, bounded in time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type ElementHandle, type Page } from '@playwright/test';
import buildRenderer from '../test/e2e/global-setup';
import { startBoxOfficeHost, type ServerProcess } from './servers';
import { markdownTable } from './measure';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPEAT = Number(process.env.BENCH_UI_REPEAT ?? 7);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

function api<T>(base: URL, channel: string, input: unknown, token?: string): Promise<T> {
  const text = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent: keepAlive,
        host: base.hostname,
        port: base.port,
        path: `/api/${channel}`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let out = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (out += c));
        res.on('end', () => {
          const env = JSON.parse(out) as { ok: boolean; data?: T; error?: { code: string; message: string } };
          if (env.ok) resolve(env.data as T);
          else reject(new Error(`${channel}: ${env.error?.code} ${env.error?.message}`));
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
const keepAlive = new Agent({ keepAlive: true });

/**
 * Clicks `el` in the page and times, from the click: the DOM reaching `done`, then the next frame.
 * The page code is a string: tsx's helpers for named functions do not exist in the page.
 */
async function clickTimed(page: Page, el: ElementHandle, done: string, arg: unknown): Promise<{ dom: number; frame: number }> {
  await el.evaluate((e) => (e as HTMLElement).setAttribute('data-bench-target', '1'));
  return page.evaluate(`new Promise((resolve) => {
    const check = ${done};
    const arg = ${JSON.stringify(arg)};
    const target = document.querySelector('[data-bench-target]');
    target.removeAttribute('data-bench-target');
    const t0 = performance.now();
    // The frame that shows it: rAF runs before that frame's style, layout and paint; a task queued
    // from it runs once the frame is produced.
    const finish = () => {
      const dom = performance.now() - t0;
      requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() - t0 })));
    };
    const obs = new MutationObserver(() => {
      if (check(arg)) { obs.disconnect(); finish(); }
    });
    obs.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-pressed'] });
    target.click();
    if (check(arg)) { obs.disconnect(); finish(); }
  })`);
}

const SEATS_SHOWN = '(n) => document.querySelectorAll("[role=grid] button[data-seat-id]").length === n';
const PRESSED = '(id) => document.querySelector(`[data-seat-id="${id}"]`)?.getAttribute("aria-pressed") === "true"';

interface UiResult {
  open60: { coldFrame: number; warmFrame: number; warmDom: number };
  open3000: { coldFrame: number; warmFrame: number; warmDom: number; task: number; script: number; style: number; layout: number };
  held60: { dom: number; frame: number };
  held3000: { dom: number; frame: number };
  perEvent3000: { mainThreadMs: number; events: number; idleMsPerSec: number; scriptMs: number; styleMs: number; layoutMs: number; claimsReloads: number };
  elements: { hall60: number; hall3000: number };
}

async function showItem(page: Page, hall: string): Promise<ElementHandle> {
  for (let i = 0; i < 8; i++) {
    await page.locator('.show-list .state:not(.state--loading), .show-item').first().waitFor();
    const item = page.locator('.show-item:not(.is-past):not([disabled])').filter({ hasText: hall });
    if (await item.count()) return (await item.first().elementHandle())!;
    await page.getByRole('button', { name: 'Next day', exact: true }).click();
    await page.waitForTimeout(300);
  }
  throw new Error(`no show in ${hall} in the next 8 days`);
}

async function openTimed(page: Page, hall: string, seats: number) {
  const item = await showItem(page, hall);
  const showId = (await item.getAttribute('data-show-id'))!;
  const r = await clickTimed(page, item, SEATS_SHOWN, seats);
  await page.waitForTimeout(150);
  return { ...r, showId };
}

/** Holds a free seat by clicking it (timed to "held" on screen), waits for the hold's answer, releases it. */
async function heldTimed(page: Page, nth: number) {
  const btn = page.locator('[role="grid"] button[data-seat-id][aria-pressed="false"]:not([disabled])').nth(nth);
  const id = (await btn.getAttribute('data-seat-id'))!;
  const r = await clickTimed(page, (await btn.elementHandle())!, PRESSED, id);
  await page.getByTestId('hold-countdown').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sale-total"]')?.textContent?.includes('$0.00'));
  await page.locator(`[data-seat-id="${id}"]`).click();
  await page.waitForFunction((sid) => document.querySelector(`[data-seat-id="${sid}"]`)?.getAttribute('aria-pressed') === 'false', id);
  await page.waitForTimeout(150);
  return r;
}

async function measureUi(host: ServerProcess): Promise<UiResult> {
  const base = new URL(host.url);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.getByLabel('Name').fill('Cashier');
    await page.getByLabel('PIN', { exact: true }).fill('0000');
    await page.getByRole('button', { name: /^Sign in/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (name: string) => {
      const m = (await cdp.send('Performance.getMetrics')).metrics;
      return (m.find((x) => x.name === name)?.value ?? 0) * 1000;
    };
    const taskMs = () => metric('TaskDuration');
    const parts = async () => ({
      script: await metric('ScriptDuration'),
      style: await metric('RecalcStyleDuration'),
      layout: await metric('LayoutDuration'),
      claims: await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('seats.claims')).length),
    });

    // Click the show to its map on screen: first time (layout fetched), then alternating (layout cached).
    const cold60 = await openTimed(page, 'Hall 1', 60);
    const cold3000 = await openTimed(page, 'Grand Hall', 3000);
    const warm60: { dom: number; frame: number }[] = [];
    const warm3000: { dom: number; frame: number }[] = [];
    const open = { script: 0, style: 0, layout: 0, task: 0 };
    for (let i = 0; i < REPEAT; i++) {
      warm60.push(await openTimed(page, 'Hall 1', 60));
      const p0 = await parts();
      const t0 = await taskMs();
      warm3000.push(await openTimed(page, 'Grand Hall', 3000));
      const p1 = await parts();
      open.task += ((await taskMs()) - t0) / REPEAT;
      open.script += (p1.script - p0.script) / REPEAT;
      open.style += (p1.style - p0.style) / REPEAT;
      open.layout += (p1.layout - p0.layout) / REPEAT;
    }
    const elements3000 = await page.evaluate(() => document.getElementsByTagName('*').length);

    // Click a seat to "held" on screen.
    const held3000: { dom: number; frame: number }[] = [];
    for (let i = 0; i < REPEAT; i++) held3000.push(await heldTimed(page, 1500 + i * 7));

    // Main thread per pushed change: another counter (the manager, by HTTP) holds and releases
    // seats of this show; Chromium's own task-time counter, minus the same page idle.
    const show = cold3000.showId;
    const { token } = await api<{ token: string }>(base, 'auth.login', { name: 'Manager', pin: '1234' });
    const map = await api<{ seats: { id: string; status: string }[] }>(base, 'seats.map', { showId: show }, token);
    const free = map.seats.filter((s) => s.status === 'available').slice(0, 40).map((s) => s.id);
    const idleSeconds = 2;
    const idle0 = await taskMs();
    await page.waitForTimeout(idleSeconds * 1000);
    const idle = (await taskMs()) - idle0;
    let events = 0;
    const tracing = process.env.BENCH_UI_TRACE === '1';
    if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8'] });
    const parts0 = await parts();
    const burst0 = await taskMs();
    const t0 = Date.now();
    for (let i = 0; Date.now() - t0 < idleSeconds * 1000; i++) {
      const held = await api<{ id: string }>(base, 'seats.hold', { showId: show, seatIds: [free[i % free.length]] }, token);
      await new Promise((r) => setTimeout(r, 20));
      await api(base, 'seats.release', { holdId: held.id }, token);
      events += 2;
      await new Promise((r) => setTimeout(r, 20));
    }
    const burstSeconds = (Date.now() - t0) / 1000;
    await page.waitForTimeout(200); // the last events arrive
    const busy = (await taskMs()) - burst0;
    const parts1 = await parts();
    if (tracing) printTrace(await browser.stopTracing(), events);
    const breakdown = {
      scriptMs: (parts1.script - parts0.script) / events,
      styleMs: (parts1.style - parts0.style) / events,
      layoutMs: (parts1.layout - parts0.layout) / events,
      claimsReloads: parts1.claims - parts0.claims,
    };
    const perEvent = Math.max(0, busy - (idle / idleSeconds) * (burstSeconds + 0.2)) / events;

    const cold60b = cold60;
    const held60: { dom: number; frame: number }[] = [];
    await openTimed(page, 'Hall 1', 60);
    const elements60 = await page.evaluate(() => document.getElementsByTagName('*').length);
    for (let i = 0; i < REPEAT; i++) held60.push(await heldTimed(page, i % 20));

    const pick = (xs: { dom: number; frame: number }[]) => ({ dom: median(xs.map((x) => x.dom)), frame: median(xs.map((x) => x.frame)) });
    return {
      open60: { coldFrame: cold60b.frame, warmFrame: pick(warm60).frame, warmDom: pick(warm60).dom },
      open3000: { coldFrame: cold3000.frame, warmFrame: pick(warm3000).frame, warmDom: pick(warm3000).dom, ...open },
      held60: pick(held60),
      held3000: pick(held3000),
      perEvent3000: { mainThreadMs: perEvent, events, idleMsPerSec: idle / idleSeconds, ...breakdown },
      elements: { hall60: elements60, hall3000: elements3000 },
    };
  } finally {
    await browser.close();
  }
}

/** BENCH_UI_TRACE=1: the page's main-thread time during the pushed changes by trace event, per change. */
function printTrace(buf: Buffer, events: number): void {
  const trace = JSON.parse(buf.toString('utf8')) as { traceEvents: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { name?: string } }[] };
  const main = new Set(trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const by = new Map<string, number>();
  for (const e of trace.traceEvents) if (e.ph === 'X' && e.dur && main.has(`${e.pid}:${e.tid}`)) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
  console.log('main-thread trace events during the pushed changes (inclusive ms per change):');
  for (const [name, ms] of [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(ms / events).toFixed(2).padStart(8)}  ${name}`);
}

function report(r: UiResult): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const ratio = r.open3000.warmFrame / r.open60.warmFrame;
  const rows: [string, string, string, string][] = [
    ['figure', 'measured', 'target', ''],
    ['60-seat hall: click the show to its map on screen (frame), layout cached', ms(r.open60.warmFrame), '', ''],
    ['60-seat hall: the same, first time (layout fetched)', ms(r.open60.coldFrame), '', ''],
    ['3,000-seat hall: click the show to its map on screen (frame), layout cached', ms(r.open3000.warmFrame), '<= 150 ms', r.open3000.warmFrame <= 150 ? 'met' : 'missed'],
    ['  of which main thread: all tasks / script / style / layout (mean)', `${ms(r.open3000.task)} / ${ms(r.open3000.script)} / ${ms(r.open3000.style)} / ${ms(r.open3000.layout)}`, '', ''],
    ['3,000-seat hall: the same, first time (layout fetched)', ms(r.open3000.coldFrame), '<= 150 ms', r.open3000.coldFrame <= 150 ? 'met' : 'missed'],
    ['3,000 vs 60 seats (cached layouts)', `${ratio.toFixed(1)}x`, '<= 3x', ratio <= 3 ? 'met' : 'missed'],
    ['click a seat to "held" on screen, 60 seats (DOM / frame)', `${ms(r.held60.dom)} / ${ms(r.held60.frame)}`, '<= 35 ms', r.held60.frame <= 35 ? 'met' : 'missed'],
    ['click a seat to "held" on screen, 3,000 seats (DOM / frame)', `${ms(r.held3000.dom)} / ${ms(r.held3000.frame)}`, '<= 35 ms', r.held3000.frame <= 35 ? 'met' : 'missed'],
    [`main thread per pushed seat change, 3,000 seats (${r.perEvent3000.events} events)`, ms(r.perEvent3000.mainThreadMs), '<= 3 ms', r.perEvent3000.mainThreadMs <= 3 ? 'met' : 'missed'],
    ['  of which script / style / layout per change', `${ms(r.perEvent3000.scriptMs)} / ${ms(r.perEvent3000.styleMs)} / ${ms(r.perEvent3000.layoutMs)}`, '', ''],
    ['  seat map reloads during the pushed changes', String(r.perEvent3000.claimsReloads), '0', ''],
    ['DOM elements, 60-seat hall open', String(r.elements.hall60), '', ''],
    ['DOM elements, 3,000-seat hall open', String(r.elements.hall3000), '', ''],
  ];
  return markdownTable(rows);
}

async function main(): Promise<void> {
  buildRenderer(); // the production build, rebuilt only when the sources are newer
  const dataDir = mkdtempSync(join(tmpdir(), 'bo-bench-ui-'));
  let host: ServerProcess | null = null;
  try {
    host = await startBoxOfficeHost(dataDir, ['--with-large-hall']);
    const r = await measureUi(host);
    console.log(`\n${new Date().toISOString()}, ${cpus().length} cores, ${CHROMIUM}, medians of ${REPEAT}\n\n${report(r)}\n`);
    mkdirSync(join(process.cwd(), '.cache', 'bench'), { recursive: true });
    writeFileSync(join(process.cwd(), '.cache', 'bench', 'last-ui.json'), JSON.stringify({ date: new Date().toISOString(), ...r }, null, 2));
  } finally {
    await host?.stop();
    keepAlive.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
