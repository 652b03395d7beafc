import { createInterface } from 'node:readline';
import { projectRoot } from '../build/project-root.js';
import { runCli } from './run.js';

const code = await runCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY }),
  },
  projectRoot(),
);
process.exitCode = code;
