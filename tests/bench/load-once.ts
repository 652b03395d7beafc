import { AnnotationStore } from '../../main/annotations/store.js';

// One load of the store in a new process, as when the app starts (the annotations bench runs it):
// prints the milliseconds taken.

const dir = process.argv[2];
if (!dir) throw new Error('usage: load-once.ts <data folder>');
const start = performance.now();
await new AnnotationStore(dir).load();
process.stdout.write(`${performance.now() - start}\n`);
