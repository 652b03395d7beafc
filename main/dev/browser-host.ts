import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { folderImportChooser } from '../annotations/import-file.js';
import { openAnnotations } from '../annotations/lifecycle.js';
import { BundleStore, bundleDir } from '../corpus/bundle-store.js';
import { browserHostFiles, MAX_SAVE_BODY_BYTES } from '../datasets/host-files.js';
import { DeepLinkInbox } from '../deeplink/inbox.js';
import { type Envelope, failure } from '../ipc/contract.js';
import { createDispatch } from '../ipc/dispatch.js';
import { createHandlers } from '../ipc/handlers.js';
import { pickLocale } from '../locale.js';
import { securityHeaders, serveFile } from '../protocol/serve-file.js';
import { loadSearchEngine } from '../search/load.js';
import { contentSecurityPolicy } from '../security/csp.js';
import { openUserData } from '../settings/index.js';
import { resolveDataDir } from '../window-state.js';
import { BRIDGE_PATH, bridgeScript, CALL_PREFIX } from './bridge-script.js';

// Serves the built renderer to an ordinary browser on 127.0.0.1, with the app's CSP and the real
// IPC handlers behind an HTTP bridge. End-to-end tests drive the UI through it, since Electron's
// runtime is not available everywhere the tests run.
//
//   npm run dev:browser -- --port 5174     (--port 0 picks a free port)

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 64 * 1024;

export interface BrowserHostOptions {
  port: number;
  rootDir: string;
  rendererDir?: string;
  bundleDir?: string;
  /** Where the search glossary lives (assets/ of the project by default). */
  assetsDir?: string;
  dataDir: string;
  /** Load the search index and prepare the report right after start instead of on first use. */
  warmSearch?: boolean;
  /** A report-reader:// link to hand to the page, as if the system had opened it. */
  deepLink?: string;
}

export interface BrowserHost {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Uint8Array,
) {
  res.writeHead(status, headers);
  res.end(body);
}

/** The body as text, or null when it is larger than MAX_BODY_BYTES (the rest is read and dropped). */
function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Puts the bridge script in front of the app's module scripts (classic scripts run first). */
function injectBridge(html: string): string {
  return html.replace('</head>', `  <script src=".${BRIDGE_PATH}"></script>\n  </head>`);
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = options.rendererDir ?? path.join(options.rootDir, 'dist', 'renderer');
  const bundlePath = options.bundleDir ?? bundleDir(options.rootDir);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run \`npm run build:renderer\` first.`);
  }
  mkdirSync(options.dataDir, { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(options.rootDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  let store: BundleStore | undefined;
  const loadStore = () => {
    store ??= BundleStore.load(bundlePath);
    return store;
  };
  let search: ReturnType<typeof loadSearchEngine> | undefined;
  const loadSearch = () => {
    search ??= loadSearchEngine(
      bundlePath,
      options.assetsDir ?? path.join(options.rootDir, 'assets'),
      loadStore(),
    );
    return search;
  };
  const userData = openUserData(options.dataDir, {
    onNotice: (notice) =>
      console.warn(`[browser-host] unreadable ${notice.store} file moved aside as ${notice.movedTo}`),
    onWriteError: (error) => console.warn('[browser-host] could not save progress', error),
  });
  const files = browserHostFiles(options.dataDir);
  // Annotations in <data dir>/annotations.json, as in the app; imports are read from
  // <data dir>/imports/ (the newest .json file there stands for the one chosen in a dialog).
  const annotations = openAnnotations(options.dataDir, {
    bundle: loadStore,
    log: (message) => console.warn(`[browser-host] ${message}`),
  });
  const deepLinks = new DeepLinkInbox(loadStore, (message) => console.warn(`[browser-host] ${message}`));
  if (options.deepLink !== undefined) deepLinks.receive(options.deepLink);
  const dispatch = createDispatch(
    createHandlers({
      store: loadStore,
      search: loadSearch,
      userData: () => userData,
      // No dialog and no system clipboard here: files go to <data dir>/exports/, copied text to
      // <data dir>/clipboard.txt, where the end-to-end tests read them.
      files: () => files,
      annotations: () => annotations.store,
      chooseImportFile: folderImportChooser(options.dataDir),
      deepLinks: () => deepLinks,
      // A development browser has no business launching other programs: log what would open.
      openExternal: async (url) => console.log(`[browser-host] openExternal ${url}`),
      appInfo: {
        version: pkg.version,
        platform: process.platform,
        locale: pickLocale([Intl.DateTimeFormat().resolvedOptions().locale]),
      },
    }),
  );
  const csp = contentSecurityPolicy({ allowSelfConnect: true });
  const json = { ...securityHeaders(csp), 'content-type': 'application/json; charset=utf-8' };
  let origin = '';

  async function handleCall(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    const reply = (status: number, envelope: Envelope) => send(res, status, json, JSON.stringify(envelope));
    // Only our own page may call: a foreign site (or a DNS-rebound name) is refused, and requiring
    // JSON makes any cross-origin attempt a preflighted request that this server never approves.
    const fromPage = req.headers.origin === undefined || req.headers.origin === origin;
    if (req.headers.host !== origin.slice('http://'.length) || !fromPage) {
      return reply(403, failure('FORBIDDEN', 'Refused a call from another origin.'));
    }
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return reply(415, failure('BAD_REQUEST', 'Calls must be JSON.'));
    }
    // Saving a chart image carries its bytes; every other call is small.
    const body = await readBody(req, channel === 'file:save' ? MAX_SAVE_BODY_BYTES : MAX_BODY_BYTES);
    if (body === null) return reply(413, failure('BAD_REQUEST', 'Request too large.'));
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return reply(400, failure('BAD_REQUEST', 'Request body is not JSON.'));
    }
    const request =
      parsed !== null && typeof parsed === 'object' ? (parsed as { request?: unknown }).request : undefined;
    reply(200, await dispatch(channel, request));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'GET' && url.pathname === BRIDGE_PATH) {
      return send(
        res,
        200,
        { ...securityHeaders(csp), 'content-type': 'text/javascript; charset=utf-8' },
        bridgeScript(),
      );
    }
    if (url.pathname.startsWith(CALL_PREFIX)) {
      if (req.method !== 'POST') return send(res, 405, securityHeaders(csp), 'Method not allowed');
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice(CALL_PREFIX.length));
      } catch {
        channel = '';
      }
      return handleCall(req, res, channel);
    }
    const file = await serveFile(rendererDir, req.method ?? 'GET', url.pathname, csp);
    const isIndex = file.status === 200 && file.headers['content-type']?.startsWith('text/html');
    const body =
      isIndex && typeof file.body !== 'string'
        ? injectBridge(Buffer.from(file.body).toString('utf8'))
        : file.body;
    send(res, file.status, file.headers, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[browser-host]', error);
      if (!res.headersSent) send(res, 500, securityHeaders(csp), 'Internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${HOST}:${port}`;
  if (options.warmSearch) {
    try {
      loadSearch();
    } catch (error) {
      console.warn(`[browser-host] search index not loaded: ${String(error)}`);
    }
    await dispatch('document:get', { docId: 'report' });
  }
  return {
    url: `${origin}/`,
    server,
    close: async () => {
      // Every change is on disk before its reply; this waits for a write still in flight.
      await annotations.store.flush().catch((error: unknown) => {
        console.warn('[browser-host] could not save annotations', error);
      });
      await new Promise<void>((resolve, reject) => {
        userData.flush();
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers keep connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5174' },
      bundle: { type: 'string' },
      /** A report-reader:// link the page is asked to open, as from the system. */
      link: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Bad --port ${values.port}`);
  const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dataDir = resolveDataDir(process.env, path.join(os.tmpdir(), 'report-reader-browser-host'));
  const host = await startBrowserHost({
    port,
    rootDir,
    dataDir,
    warmSearch: true,
    ...(values.link ? { deepLink: values.link } : {}),
    ...(values.bundle ? { bundleDir: path.resolve(values.bundle) } : {}),
  });
  if (!existsSync(path.join(values.bundle ?? bundleDir(rootDir), 'bundle.json'))) {
    console.warn(
      '[browser-host] No bundle yet: run `npm run build:bundle` (the library will show an error).',
    );
  }
  console.log(`[browser-host] data dir ${dataDir}`);
  // The e2e tests wait for this exact line.
  console.log(`[browser-host] listening on ${host.url}`);
  const stop = () => {
    host.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`[browser-host] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
