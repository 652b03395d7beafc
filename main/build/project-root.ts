import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, two levels above this file (main/build/). */
export function projectRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}
