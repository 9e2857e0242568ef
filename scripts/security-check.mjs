// `npm run security`: Electronegativity's static audit of the Electron code and the page, which
// fails on any finding not accepted (with a reason) in build/electronegativity-accepted.json.
// Electronegativity itself exits 0 even with HIGH findings, so its report is what counts.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ACCEPTED_FILE = join(root, 'build', 'electronegativity-accepted.json');
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const tool = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');

/**
 * Reads Electronegativity's SARIF report. Not its CSV: the CSV header and body are two
 * unordered async writes (util/file.js), and on a busy machine the body can land first and be
 * overwritten, which is how a CI run once read a garbled report. The SARIF is one write.
 */
export function readSarif(text) {
  const report = JSON.parse(text);
  const run = report?.runs?.[0];
  if (!run || !Array.isArray(run.results)) throw new Error('Electronegativity report has no runs[0].results');
  return run.results.map((r) => {
    const loc = r.locations?.[0]?.physicalLocation;
    return {
      issue: String(r.ruleId),
      level: String(r.level ?? ''),
      file: String(loc?.artifactLocation?.uri ?? ''),
      location: `${loc?.region?.startLine ?? '?'}:${loc?.region?.startColumn ?? '?'}`,
      description: String(r.message?.text ?? ''),
    };
  });
}

function loadAccepted() {
  const list = JSON.parse(readFileSync(ACCEPTED_FILE, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${ACCEPTED_FILE} must hold an array`);
  for (const a of list) {
    if (!a.issue || !a.file || typeof a.reason !== 'string' || a.reason.trim().length < 10) {
      throw new Error(`Every accepted finding needs issue, file and a reason: ${JSON.stringify(a)}`);
    }
  }
  return list;
}

function main() {
  const accepted = loadAccepted();
  // Scan electron/ and renderer/ together (global checks such as "navigation is limited" need
  // to see main and the page at once), without tests, builds or dependencies.
  const work = mkdtempSync(join(tmpdir(), 'bo-security-'));
  try {
    const skip = (src) => !/[/\\](node_modules|dist|release|\.data)([/\\]|$)/.test(src);
    cpSync(join(root, 'electron'), join(work, 'app', 'electron'), { recursive: true, filter: skip });
    cpSync(join(root, 'renderer'), join(work, 'app', 'renderer'), { recursive: true, filter: skip });
    // The hoisted TypeScript is the project's (7.x, no JS API); the scanner's parser needs the
    // TypeScript it ships with, so `typescript` is resolved to that copy in the scanner's process.
    const hook = join(work, 'typescript-hook.cjs');
    const nestedTs = require.resolve('typescript', { paths: [dirname(tool)] });
    writeFileSync(
      hook,
      `const M = require('module'); const orig = M._resolveFilename;
M._resolveFilename = function (req, ...rest) { return req === 'typescript' ? ${JSON.stringify(nestedTs)} : orig.call(this, req, ...rest); };\n`,
    );
    const sarif = join(work, 'report.sarif');
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--require', hook, tool, '-i', join(work, 'app'), '-e', electronVersion, '-r', '-v', 'false', '-o', sarif], {
      cwd: work,
      encoding: 'utf8',
      timeout: 180_000,
    });
    let text;
    try {
      text = readFileSync(sarif, 'utf8');
    } catch {
      console.error(`Electronegativity produced no report (exit ${r.status ?? r.signal}).\n${(r.stderr || '').slice(-2000)}`);
      process.exit(1);
    }
    if (r.status !== 0) {
      console.error(`Electronegativity failed (exit ${r.status ?? r.signal}).\n${(r.stderr || '').slice(-2000)}`);
      process.exit(1);
    }
    const findings = readSarif(text);
    const isAccepted = (f) => accepted.some((a) => a.issue === f.issue && a.file === f.file);
    const fresh = findings.filter((f) => !isAccepted(f));
    const stale = accepted.filter((a) => !findings.some((f) => f.issue === a.issue && f.file === a.file));
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Electronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ${findings.length - fresh.length} accepted, in ${secs} s.`);
    for (const a of stale) console.log(`note: accepted finding no longer reported, remove it from ${basename(ACCEPTED_FILE)}: ${a.issue} in ${a.file}`);
    if (fresh.length > 0) {
      console.error(`\n${fresh.length} finding(s) not accepted in build/${basename(ACCEPTED_FILE)}:`);
      for (const f of fresh) console.error(`  ${f.level} ${f.issue} ${f.file}:${f.location} - ${f.description}`);
      console.error('\nFix them, or accept one with a reason if it is a false positive.');
      process.exit(1);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
