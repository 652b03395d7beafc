import type { AppInfo, LibraryEntry } from '../../../main/ipc/contract.js';
import { type CallState, useReaderCall } from './useReaderCall.js';

// Stable references: the calls take no arguments, so they never need to change.
const listLibrary = () => window.reader.listLibrary();
const appInfo = () => window.reader.appInfo();

export function useLibrary(): CallState<LibraryEntry[]> & { retry: () => void } {
  return useReaderCall(listLibrary);
}

export function useAppInfo(): CallState<AppInfo> {
  return useReaderCall(appInfo);
}
