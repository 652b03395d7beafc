import type { BundleStore } from '../corpus/bundle-store.js';
import { DEEP_LINK_SCHEME, type DeepLink, parseDeepLink, resolveDeepLink } from './deeplink.js';

// Deep links that arrived from the system (a click on report-reader://open?… in Obsidian, Word, a
// browser), waiting for the renderer to take them.
//
// Design: the renderer reaches main only through the contract's invoke channels (the preload
// exposes named request methods and no event subscriptions), so main never pushes a navigation.
// It keeps the latest link here and brings its window forward; the renderer asks for it with
// navigation:pending when it starts, and whenever its window gains focus or becomes visible —
// which is exactly what bringing the window forward causes. A link is handed out once.
//
// Links are parsed when they arrive (anything malformed is dropped with a reason) and resolved
// against the bundle when taken, since on macOS a link can arrive before the app is ready.

export interface Navigation {
  docId: string;
  /** Block to bring into view; absent for a link to the whole document. */
  blockId?: string;
  /** The link as received. */
  link: string;
}

export type Received = { ok: true; link: DeepLink } | { ok: false; reason: string };

/** The deep link in a command line (Windows and Linux pass it to the second instance), if any. */
export function deepLinkInArgv(argv: readonly string[]): string | undefined {
  const prefix = `${DEEP_LINK_SCHEME}:`;
  return argv.find((arg) => typeof arg === 'string' && arg.slice(0, prefix.length).toLowerCase() === prefix);
}

export class DeepLinkInbox {
  private pending: { link: DeepLink; url: string } | undefined;

  constructor(
    private readonly bundle: () => BundleStore | undefined,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Accept a link from the system; a later link replaces one not taken yet. */
  receive(url: unknown): Received {
    const parsed = parseDeepLink(url);
    if (!parsed.ok) {
      this.log(`Ignored a report-reader link: ${parsed.reason}.`);
      return parsed;
    }
    this.pending = { link: parsed.link, url: url as string };
    return parsed;
  }

  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  /** The waiting navigation, once; null when there is none or its target does not exist. */
  take(): Navigation | null {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined) return null;
    let store: BundleStore | undefined;
    try {
      store = this.bundle();
    } catch {
      store = undefined;
    }
    if (store === undefined) {
      this.log('A report-reader link arrived but the texts are not loaded.');
      return null;
    }
    const resolved = resolveDeepLink(store, pending.link);
    if (resolved === undefined) {
      this.log(`A report-reader link points to nothing in this version of the texts: ${pending.url}`);
      return null;
    }
    if (resolved.kind === 'document') return { docId: resolved.docId, link: pending.url };
    if (resolved.kind === 'block')
      return { docId: resolved.docId, blockId: resolved.blockId, link: pending.url };
    const blocks = store.document(resolved.docId)?.blocks ?? [];
    const heading =
      blocks.find((b) => b.sectionId === resolved.sectionId && b.type === 'heading') ??
      blocks.find((b) => b.sectionId === resolved.sectionId);
    return heading
      ? { docId: resolved.docId, blockId: heading.id, link: pending.url }
      : { docId: resolved.docId, link: pending.url };
  }
}
