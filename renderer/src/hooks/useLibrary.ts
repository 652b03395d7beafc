import type { AppInfo, LibraryEntry } from '../../../main/ipc/contract.js';
import { type CallState, useReaderCall } from './useReaderCall.js';

// The library list and app info do not change while the app runs: fetched once, shared by every
// view (a failure is not kept, so "Try again" asks anew).

function once<T>(call: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= call().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

const listLibrary = once(() => window.reader.listLibrary());
const appInfo = once(() => window.reader.appInfo());

export function useLibrary(): CallState<LibraryEntry[]> & { retry: () => void } {
  return useReaderCall(listLibrary);
}

export function useAppInfo(): CallState<AppInfo> {
  return useReaderCall(appInfo);
}
