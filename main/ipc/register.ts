import { type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { isAppUrl } from '../protocol/app-origin.js';
import { CHANNEL_NAMES, type Envelope, failure } from './contract.js';
import type { Dispatch } from './dispatch.js';

// Electron glue: one ipcMain.handle per contract channel. A call is answered only when it comes
// from the top frame of our main window showing app://reader; anything else (another window, an
// iframe, a page that somehow navigated away) gets a FORBIDDEN envelope.

export function isTrustedSender(event: IpcMainInvokeEvent, trusted: WebContents | null): boolean {
  try {
    const frame = event.senderFrame;
    return (
      trusted !== null &&
      event.sender === trusted &&
      frame !== null &&
      frame.parent === null &&
      isAppUrl(frame.url)
    );
  } catch {
    // senderFrame throws when the frame is already gone: nobody to answer.
    return false;
  }
}

export function registerIpc(dispatch: Dispatch, trustedContents: () => WebContents | null): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Envelope> => {
      if (!isTrustedSender(event, trustedContents())) {
        return failure('FORBIDDEN', `Refused ${channel} from an untrusted sender.`);
      }
      if (args.length > 1) return failure('BAD_REQUEST', `${channel} takes at most one argument.`);
      return dispatch(channel, args[0]);
    });
  }
}
