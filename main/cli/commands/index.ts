import type { Command } from '../context.js';
import { ANNOTATION_COMMANDS, ANNOTATION_USAGE } from './annotations.js';
import { CORPUS_COMMANDS, CORPUS_USAGE } from './corpus.js';
import { SEARCH_COMMANDS, SEARCH_USAGE } from './search.js';

// Each command family lives in its own module; this registry is the one place that lists them.
export const COMMANDS: Record<string, Command> = {
  ...CORPUS_COMMANDS,
  ...SEARCH_COMMANDS,
  ...ANNOTATION_COMMANDS,
};

export const USAGE = [
  'usage: npm run -s cli -- <command> [args] [--json]',
  ...CORPUS_USAGE,
  ...SEARCH_USAGE,
  ...ANNOTATION_USAGE,
].join('\n');
