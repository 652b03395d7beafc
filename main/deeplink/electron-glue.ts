import path from 'node:path';
import { DEEP_LINK_SCHEME } from './deeplink.js';
import { type DeepLinkInbox, deepLinkInArgv } from './inbox.js';

// Wires report-reader:// links from the operating system into the inbox (see inbox.ts for the
// design). Electron's `app` is passed in (only the two methods used), so this is tested with a
// fake and main.ts stays glue:
//   - macOS delivers links with the `open-url` event (also before `ready`, at launch);
//   - Windows and Linux start a second instance with the link in its argv: the single-instance
//     lock hands that argv to us in `second-instance` (main.ts forwards it to onSecondInstance);
//   - a first instance started by a link (Windows, Linux) finds it in its own argv.

export interface DeepLinkApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

export interface DeepLinkGlueOptions {
  app: DeepLinkApp;
  inbox: DeepLinkInbox;
  /** Bring the main window forward (a no-op before it exists: the renderer asks at start). */
  reveal: () => void;
  /** This process's argv. */
  argv: readonly string[];
  /** Make this app the system's handler for report-reader:// (packaged builds; see main.ts). */
  register: boolean;
  /** process.defaultApp: started as `electron <script>`, which the OS must be told to repeat. */
  defaultApp: boolean;
  execPath: string;
  log?: (message: string) => void;
}

export interface DeepLinkGlue {
  /** main.ts's `second-instance` handler passes the other instance's argv here. */
  onSecondInstance(argv: readonly string[]): void;
  /** Whether registering as the protocol handler succeeded (false when not attempted). */
  registered: boolean;
}

export function installDeepLinks(options: DeepLinkGlueOptions): DeepLinkGlue {
  const log = options.log ?? (() => {});
  let registered = false;
  if (options.register) {
    const script = options.argv[1];
    registered =
      options.defaultApp && script !== undefined
        ? options.app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, options.execPath, [path.resolve(script)])
        : options.app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
    if (!registered) log(`Could not register as the handler of ${DEEP_LINK_SCHEME}:// links.`);
  }

  options.app.on('open-url', (event, url) => {
    event.preventDefault();
    if (options.inbox.receive(url).ok) options.reveal();
  });

  const first = deepLinkInArgv(options.argv);
  if (first !== undefined) options.inbox.receive(first);

  return {
    registered,
    onSecondInstance(argv) {
      const link = Array.isArray(argv) ? deepLinkInArgv(argv) : undefined;
      if (link !== undefined && options.inbox.receive(link).ok) options.reveal();
    },
  };
}
