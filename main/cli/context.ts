import type { BundleStore } from '../corpus/bundle-store.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Lines of standard input, for commands that read queries from it. */
  stdinLines?: () => AsyncIterable<string>;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

export interface CliContext {
  args: ParsedArgs;
  json: boolean;
  store: () => BundleStore;
  io: CliIo;
  root: string;
}

export type Command = (ctx: CliContext) => Promise<void> | void;

export function print(ctx: CliContext, value: unknown, text: () => string): void {
  ctx.io.out(ctx.json ? JSON.stringify(value, null, 2) : text());
}
