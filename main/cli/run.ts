import { ensureFreshBundle } from '../corpus/build-bundle.js';
import { BundleStore, bundleDir } from '../corpus/bundle-store.js';
import { COMMANDS, USAGE } from './commands/index.js';
import { type CliContext, CliError, type CliIo, type ParsedArgs } from './context.js';

// The headless CLI: every command prints readable text, or JSON with --json. Unknown commands and
// ids exit with code 2 and one line on stderr.

const VALUE_FLAGS = new Set(['doc', 'limit', 'format', 'out', 'lang', 'annotations', 'color', 'tag']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (VALUE_FLAGS.has(name)) {
        const value = argv[i + 1];
        if (value === undefined) throw new CliError(`--${name} needs a value`);
        flags.set(name, value);
        i++;
      } else flags.set(name, true);
    } else positional.push(arg);
  }
  return { positional, flags };
}

export async function runCli(argv: readonly string[], io: CliIo, root: string): Promise<number> {
  try {
    const args = parseArgs(argv);
    const name = args.positional[0];
    if (!name || args.flags.has('help')) {
      io.out(USAGE);
      return name ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) throw new CliError(`unknown command: ${name} (try --help)`);
    let store: BundleStore | undefined;
    const ctx: CliContext = {
      args,
      json: args.flags.has('json'),
      io,
      root,
      store: () => {
        if (!store) {
          ensureFreshBundle(root);
          store = BundleStore.load(bundleDir(root));
        }
        return store;
      },
    };
    await command(ctx);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`error: ${oneLine(error.message)}`);
      return error.exitCode;
    }
    io.err(`error: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
}

/**
 * A message as one line of plain text: messages quote file contents and paths, whose control
 * characters (terminal escape sequences, NUL), line separators and bidi controls must not reach
 * the terminal.
 */
export function oneLine(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we replace
  return message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ');
}
