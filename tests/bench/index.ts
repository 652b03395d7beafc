import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// `npm run bench [-- --json] [-- --only <suite>]`: runs every suite in tests/bench/suites and
// prints their measurements. Benchmarks measure; they do not pass or fail.

export type Measurements = Record<string, number | string | boolean | Record<string, number | string>>;

export interface BenchSuite {
  name: string;
  run(): Promise<Measurements>;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

const dir = path.join(import.meta.dirname, 'suites');
const results: Record<string, Measurements> = {};
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort()) {
  const suite = (await import(pathToFileURL(path.join(dir, file)).href)).default as BenchSuite;
  if (only && suite.name !== only) continue;
  if (!json) console.error(`bench: ${suite.name}…`);
  results[suite.name] = await suite.run();
}
const meta = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  date: new Date().toISOString(),
};
if (json) console.log(JSON.stringify({ meta, results }, null, 2));
else {
  for (const [name, measured] of Object.entries(results)) {
    console.log(`\n${name}`);
    for (const [key, value] of Object.entries(measured))
      console.log(`  ${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`);
  }
}
