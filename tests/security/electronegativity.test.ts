import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../main/security/csp.js';
import {
  type AcceptedFinding,
  CANARY_FILE,
  evaluateCsp,
  type Finding,
  findingKey,
  parseAccepted,
  readSarif,
  runElectronegativity,
  type ScanReport,
  SECURITY_MD,
  stageCanary,
  stageProject,
  tableRow,
} from './electronegativity-report.js';

// Electronegativity (Electron security linter) on the app's source. Its exit code is always 0, so
// the test reads its SARIF output and fails on every finding that SECURITY.md does not list, with a
// reason, under "Accepted electronegativity findings". It runs offline: see electronegativity-report.ts.

const TIMEOUT_MS = 120_000;
const CSP_SOURCE = 'main/security/csp.ts';

let workDir = '';
let staged: string[] = [];
let report: ScanReport;
let findings: Finding[] = [];
let canaryFindings: Finding[] = [];
let accepted: AcceptedFinding[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  const project = path.join(workDir, 'project');
  const canary = path.join(workDir, 'canary');
  staged = stageProject(project);
  stageCanary(canary);
  const jobs = [
    { input: project, sarif: path.join(workDir, 'project.sarif') },
    { input: canary, sarif: path.join(workDir, 'canary.sarif') },
  ];
  report = await runElectronegativity(jobs, workDir, TIMEOUT_MS);
  findings = [...readSarif(jobs[0]?.sarif ?? ''), ...evaluateCsp(contentSecurityPolicy(), CSP_SOURCE)];
  canaryFindings = readSarif(jobs[1]?.sarif ?? '');
  accepted = parseAccepted(readFileSync(SECURITY_MD, 'utf8'));
}, TIMEOUT_MS + 10_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

describe('electronegativity', () => {
  it('scanned the Electron main process, preload and renderer sources', () => {
    for (const file of ['main/main.ts', 'main/preload.ts', 'main/ipc/register.ts', 'renderer/index.html']) {
      expect(staged).toContain(file);
    }
    expect(staged.some((file) => file.startsWith('main/security/'))).toBe(true);
    expect(staged.some((file) => file.startsWith('main/protocol/'))).toBe(true);
    expect(staged.some((file) => file.startsWith('renderer/src/'))).toBe(true);
    expect(staged).toContain('package.json');
    expect(
      staged.filter(
        (file) => /(^|\/)(node_modules|dist|build|tests)\//.test(file) && !file.startsWith('main/build/'),
      ),
    ).toEqual([]);
  });

  it('ran its checks, parsed every file and touched no network', () => {
    expect(report.runs).toHaveLength(2);
    for (const run of report.runs) {
      expect(run.atomicChecks, 'atomic checks enabled').toBeGreaterThan(20);
      expect(run.globalChecks, 'global checks enabled').toBeGreaterThan(3);
      // A file that fails to parse is skipped silently in the SARIF output.
      expect(run.errors.filter((error) => !error.tolerable)).toEqual([]);
      const tolerable = run.errors.filter((error) => error.tolerable);
      if (tolerable.length > 0) console.warn('electronegativity parse warnings:', tolerable);
    }
    expect(report.refusedConnections).toEqual([]);
    expect(report.stubbedRequests.every((url) => !url.includes('electron/releases'))).toBe(true);
  });

  it('flags a known-bad TypeScript canary, so a clean result is not vacuous', () => {
    const rules = (file: string) =>
      new Set(canaryFindings.filter((finding) => finding.file === file).map((f) => f.ruleId));
    expect(rules(CANARY_FILE)).toEqual(
      new Set([
        'NODE_INTEGRATION_JS_CHECK',
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'AUXCLICK_JS_CHECK',
        'OPEN_EXTERNAL_JS_CHECK',
      ]),
    );
    // Global checks ran too: the canary has no CSP, limits no navigation, sets no permission handler.
    expect(rules('N/A')).toEqual(
      new Set([
        'CSP_GLOBAL_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      ]),
    );
  });

  it('reports nothing that SECURITY.md does not accept with a reason', () => {
    const acceptedKeys = new Set(accepted.map(findingKey));
    const foundKeys = new Set(findings.map(findingKey));
    const unaccepted = findings.filter((finding) => !acceptedKeys.has(findingKey(finding)));
    // An accepted entry of the same rule and file that matches nothing is probably the same code,
    // moved by an edit: say so, but still make someone look at the line again.
    const moved = (finding: Finding) =>
      accepted
        .filter((entry) => entry.ruleId === finding.ruleId && entry.file === finding.file)
        .filter((entry) => !foundKeys.has(findingKey(entry)))
        .map((entry) => `    (changed from \`${entry.code}\`? re-read the code, then update that row)`);
    const message = [
      `${unaccepted.length} electronegativity finding(s) not accepted in SECURITY.md.`,
      'Fix the code, or read the flagged line and add a row with the reason it is safe:',
      ...unaccepted.flatMap((finding) => [tableRow(finding), ...moved(finding)]),
    ].join('\n');
    expect(unaccepted.map(findingKey), message).toEqual([]);
  });

  it('lists every accepted finding once, with a reason', () => {
    const keys = accepted.map(findingKey);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    for (const entry of accepted) {
      expect(entry.reason.length, `reason for ${findingKey(entry)}`).toBeGreaterThanOrEqual(40);
      expect(entry.reason, `reason for ${findingKey(entry)}`).not.toMatch(/^TODO\b/i);
    }
    // Entries whose finding went away (code fixed or moved) are reported, not failed: prune them.
    const found = new Set(findings.map(findingKey));
    const unused = accepted.filter((entry) => !found.has(findingKey(entry)));
    if (unused.length > 0) {
      console.warn(
        `SECURITY.md accepts ${unused.length} finding(s) electronegativity no longer reports:\n` +
          unused.map((entry) => `  ${findingKey(entry)}`).join('\n'),
      );
    }
  });
});
