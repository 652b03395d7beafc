import { buildBundle, ensureFreshBundle, writeBundle } from '../corpus/build-bundle.js';
import { projectRoot } from './project-root.js';

// `npm run build:bundle [-- --if-stale]`: parse the corpus into build/bundle/bundle.json.
const root = projectRoot();
if (process.argv.includes('--if-stale')) {
  if (ensureFreshBundle(root)) console.log('bundle: rebuilt (sources or parser changed)');
} else {
  const started = performance.now();
  const target = writeBundle(root, buildBundle(root));
  console.log(`bundle: ${target} (${Math.round(performance.now() - started)} ms)`);
}
