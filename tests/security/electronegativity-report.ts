import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Runs @doyensec/electronegativity offline and turns its SARIF output into plain findings, and
// reads the accepted findings from SECURITY.md. Used by electronegativity.test.ts.

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SECURITY_MD = path.join(ROOT, 'SECURITY.md');

/**
 * What is scanned: the app's source, not its dependencies, build output, bundle data or tests.
 * Top-level source folders must be added here; root files are picked by extension.
 */
export const SCAN_DIRS = ['main', 'renderer'] as const;
const SKIPPED_NAMES = new Set(['node_modules', 'dist']);
/** The files electronegativity reads (list_files in its util/file.js); it ignores .mjs and .cjs. */
const SCANNED_FILE = /\.(?:jsx?|tsx?|html?)$|(?:^|[\\/])package\.json$/i;

/**
 * Checks left out, with the reason. AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's
 * release list from GitHub; offline it can only fail (or read a stale copy from the temp dir), so
 * it is excluded rather than left to pass silently. Its input, ELECTRON_VERSION_JSON_CHECK, still runs.
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'] as const;

export interface Finding {
  ruleId: string;
  /** Path relative to the project root with '/' separators, or 'N/A' for project-wide findings. */
  file: string;
  line: number;
  column: number;
  level: string;
  message: string;
}

export interface RunSummary {
  input: string;
  sarif: string;
  globalChecks: number;
  atomicChecks: number;
  /** Parse errors; `tolerable: false` means the file was not scanned at all. */
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: number;
}

export interface ScanReport {
  version: string;
  runs: RunSummary[];
  /** got() calls electronegativity made; all were answered by a stub that fails without I/O. */
  stubbedRequests: string[];
  /** Sockets it tried to open anyway; each was refused. Must stay empty. */
  refusedConnections: string[];
}

/** Copies the scanned part of the project to `dest`, keeping relative paths. */
export function stageProject(dest: string, root = ROOT): string[] {
  mkdirSync(dest, { recursive: true });
  const staged: string[] = [];
  const filter = (src: string): boolean => {
    if (statSync(src).isDirectory()) return !SKIPPED_NAMES.has(path.basename(src));
    if (!SCANNED_FILE.test(src)) return false;
    staged.push(path.relative(root, src).split(path.sep).join('/'));
    return true;
  };
  for (const dir of SCAN_DIRS) {
    cpSync(path.join(root, dir), path.join(dest, dir), { recursive: true, filter });
  }
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const src = path.join(root, entry.name);
    if (entry.name !== 'package-lock.json' && filter(src)) cpSync(src, path.join(dest, entry.name));
  }
  return staged.sort();
}

/** A known-bad TypeScript file: the scanner must flag it, or a clean project result means nothing. */
export const CANARY_FILE = 'canary/window.ts';
export const CANARY_SOURCE = `import { BrowserWindow, shell } from 'electron';

export function openUnsafe(url: string): BrowserWindow {
  const win: BrowserWindow = new BrowserWindow({
    webPreferences: { nodeIntegration: true, contextIsolation: false },
  });
  void win.loadURL(url);
  void shell.openExternal(url);
  return win;
}
`;

export function stageCanary(dest: string): void {
  mkdirSync(path.join(dest, path.dirname(CANARY_FILE)), { recursive: true });
  writeFileSync(path.join(dest, CANARY_FILE), CANARY_SOURCE);
  // Same package.json as the project, so both runs assume the same Electron version.
  cpSync(path.join(ROOT, 'package.json'), path.join(dest, 'package.json'));
}

// Runs in a separate Node process (CommonJS). Electronegativity has no offline switch: it fetches
// translations on every run (locales/i18n.js) and Electron's release list in
// AvailableSecurityFixesGlobalCheck, both with `got`. Every `require('got')` gets a stub that
// records the URL and fails at once, and net.Socket#connect throws as a backstop.
const CHILD_SCRIPT = `
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const net = require('node:net');
const request = JSON.parse(process.env.ENG_REQUEST);
const stubbedRequests = [];
const refusedConnections = [];
const offline = (what) => {
  stubbedRequests.push(what);
  return Promise.reject(new Error('network disabled by the electronegativity test'));
};
const gotStub = Object.assign((url) => offline(String(url)), {
  get: (url) => offline('GET ' + url),
  head: (url) => offline('HEAD ' + url),
  post: (url) => offline('POST ' + url),
});
const load = Module._load;
Module._load = function (id) {
  if (id === 'got') return gotStub;
  return load.apply(this, arguments);
};
net.Socket.prototype.connect = function (options) {
  const target = options && typeof options === 'object' ? (options.host || '') + ':' + (options.port || options.path || '') : String(options);
  refusedConnections.push(target);
  throw new Error('network disabled by the electronegativity test: ' + target);
};
const fromProject = Module.createRequire(request.projectRoot + '/package.json');
const run = fromProject('@doyensec/electronegativity');
const version = fromProject('@doyensec/electronegativity/package.json').version;
(async () => {
  const runs = [];
  for (const job of request.jobs) {
    const result = await run({
      input: job.input,
      output: job.sarif,
      isSarif: true,
      isRelative: true,
      customScan: [],
      excludeFromScan: request.excludeFromScan,
    });
    runs.push({
      input: job.input,
      sarif: job.sarif,
      globalChecks: result.globalChecks,
      atomicChecks: result.atomicChecks,
      errors: result.errors,
      issues: result.issues.length,
    });
  }
  // The SARIF files are written asynchronously; the process exits only once they are on disk.
  fs.writeFileSync(request.summary, JSON.stringify({ version, runs, stubbedRequests, refusedConnections }));
})().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exitCode = 1;
});
`;

export interface ScanJob {
  input: string;
  sarif: string;
}

/** Runs electronegativity on each job's input in one child process and returns its summary. */
export function runElectronegativity(
  jobs: ScanJob[],
  workDir: string,
  timeoutMs: number,
): Promise<ScanReport> {
  const summary = path.join(workDir, 'summary.json');
  const tmp = path.join(workDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Its translations are bundled for en-US; its temp-dir cache of Electron releases goes here.
    LANG: 'en-US',
    TMPDIR: tmp,
    TMP: tmp,
    TEMP: tmp,
    FORCE_COLOR: '0',
    ENG_REQUEST: JSON.stringify({
      projectRoot: ROOT,
      jobs,
      summary,
      excludeFromScan: [...EXCLUDED_CHECKS],
    }),
  };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', CHILD_SCRIPT],
      { cwd: workDir, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`electronegativity failed: ${error.message}\n${stdout}\n${stderr}`));
          return;
        }
        if (!existsSync(summary)) {
          reject(new Error(`electronegativity wrote no summary.\n${stdout}\n${stderr}`));
          return;
        }
        resolve(JSON.parse(readFileSync(summary, 'utf8')) as ScanReport);
      },
    );
  });
}

interface SarifResult {
  ruleId?: unknown;
  level?: unknown;
  message?: { text?: unknown };
  locations?: {
    physicalLocation?: {
      artifactLocation?: { uri?: unknown };
      region?: { startLine?: unknown; startColumn?: unknown };
    };
  }[];
}

/** Reads a SARIF 2.1.0 file written by electronegativity; throws if it is missing or malformed. */
export function readSarif(file: string): Finding[] {
  if (!existsSync(file)) throw new Error(`No SARIF output at ${file}.`);
  const sarif = JSON.parse(readFileSync(file, 'utf8')) as {
    version?: unknown;
    runs?: { tool?: { driver?: { name?: unknown } }; results?: SarifResult[] }[];
  };
  const run = sarif.runs?.[0];
  if (sarif.version !== '2.1.0' || sarif.runs?.length !== 1 || run === undefined) {
    throw new Error(`${file} is not a single-run SARIF 2.1.0 log.`);
  }
  if (run.tool?.driver?.name !== 'Electronegativity')
    throw new Error(`${file} was not written by Electronegativity.`);
  if (!Array.isArray(run.results)) throw new Error(`${file} has no results array.`);
  return run.results.map((result, index) => {
    const location = result.locations?.[0]?.physicalLocation;
    const uri = location?.artifactLocation?.uri;
    const line = location?.region?.startLine;
    if (typeof result.ruleId !== 'string' || typeof uri !== 'string' || typeof line !== 'number') {
      throw new Error(`${file}: result ${index} lacks a rule id, file or line.`);
    }
    const column = location?.region?.startColumn;
    return {
      ruleId: result.ruleId,
      // Project-wide (global) findings have no file; electronegativity writes 'file:///'.
      file: uri === 'file:///' ? 'N/A' : uri.split('\\').join('/'),
      line,
      column: typeof column === 'number' ? column : 1,
      level: typeof result.level === 'string' ? result.level : 'warning',
      message: typeof result.message?.text === 'string' ? result.message.text : '',
    };
  });
}

// The CSP is sent as a header by the app:// protocol handler, where electronegativity cannot see
// it (it only recognises <meta> tags and webRequest responseHeaders assignments). This runs the
// policy through the evaluator its CSP_GLOBAL_CHECK uses and reports what that check would report:
// findings of severity HIGH, MEDIUM, HIGH_MAYBE or MEDIUM_MAYBE (plus SYNTAX: a typo disables a
// directive).
interface CspFinding {
  type: number;
  description: string;
  severity: number;
  directive: string;
  value?: string;
}
interface CspModule {
  CspParser: new (raw: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
}
const REPORTED_CSP_SEVERITIES = ['HIGH', 'SYNTAX', 'MEDIUM', 'HIGH_MAYBE', 'MEDIUM_MAYBE'];

export function evaluateCsp(policy: string, definedIn: string): Finding[] {
  const fromProject = createRequire(path.join(ROOT, 'package.json'));
  const fromScanner = createRequire(fromProject.resolve('@doyensec/electronegativity/package.json'));
  const csp = fromScanner('@doyensec/csp-evaluator') as CspModule;
  const names = new Map(Object.entries(csp.severities).map(([name, value]) => [value, name]));
  const source = readFileSync(path.join(ROOT, definedIn), 'utf8').split('\n');
  const lineOf = (directive: string): number => {
    const index = source.findIndex((text) => new RegExp(`["'\`]${directive}[\\s"'\`]`).test(text));
    return index + 1 || 1;
  };
  return new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3)
    .evaluate()
    .filter((finding) => REPORTED_CSP_SEVERITIES.includes(names.get(finding.severity) ?? ''))
    .map((finding) => ({
      ruleId: 'CSP_GLOBAL_CHECK',
      file: definedIn,
      line: lineOf(finding.directive),
      column: 1,
      level: 'note',
      message:
        `CSP evaluator, ${names.get(finding.severity)} on ${finding.directive}` +
        `${finding.value ? ` ${finding.value}` : ''}: ${finding.description}`,
    }));
}

export interface AcceptedFinding {
  ruleId: string;
  file: string;
  /** The flagged line's code, trimmed ('' for project-wide findings): survives edits elsewhere. */
  code: string;
  reason: string;
}

export const ACCEPTED_HEADING = 'Accepted electronegativity findings';

/**
 * The table under the "Accepted electronegativity findings" heading of SECURITY.md:
 * | Rule | File | Code | Reason |. Code spans are unwrapped; the file is 'N/A' for global findings,
 * whose code cell is '—'.
 */
export function parseAccepted(markdown: string): AcceptedFinding[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => /^#{2,6}\s/.test(line) && line.includes(ACCEPTED_HEADING));
  if (start === -1) throw new Error(`SECURITY.md has no "${ACCEPTED_HEADING}" heading.`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6}\s/.test(line)) break;
    if (!line.trim().startsWith('|')) continue;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((cell) =>
        cell
          .trim()
          .replace(/^`(.*)`$/, '$1')
          .replace(/\\\|/g, '|'),
      );
    rows.push(cells);
  }
  const [header, separator, ...body] = rows;
  if (header?.map((cell) => cell.toLowerCase()).join('|') !== 'rule|file|code|reason') {
    throw new Error('The accepted-findings table must have the columns Rule | File | Code | Reason.');
  }
  if (!separator?.every((cell) => /^:?-{3,}:?$/.test(cell))) throw new Error('Malformed table separator.');
  return body.map((cells, index) => {
    const [ruleId = '', file = '', code = '', reason = ''] = cells;
    if (cells.length !== 4 || !/^[A-Z0-9_]+$/.test(ruleId) || file === '' || code === '') {
      throw new Error(`Accepted finding ${index + 1} is malformed: | ${cells.join(' | ')} |`);
    }
    return { ruleId, file, code: code === '—' ? '' : code, reason };
  });
}

/** The trimmed source line a finding points at ('' for project-wide findings). */
export function codeAt(finding: { file: string; line: number }, root = ROOT): string {
  if (finding.file === 'N/A') return '';
  const lines = readFileSync(path.join(root, finding.file), 'utf8').split('\n');
  return (lines[finding.line - 1] ?? '').trim();
}

export function findingKey(finding: Finding | AcceptedFinding): string {
  const code = 'code' in finding ? finding.code : codeAt(finding);
  return `${finding.ruleId} ${finding.file} ${code}`;
}

/** A ready-to-paste SECURITY.md row for a finding, reason left to the reviewer. */
export function tableRow(finding: Finding): string {
  const code = codeAt(finding).replace(/\|/g, '\\|');
  return `| \`${finding.ruleId}\` | \`${finding.file}\` | ${code ? `\`${code}\`` : '—'} | TODO: reason (${finding.message}) |`;
}
