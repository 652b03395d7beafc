import { contextBridge, ipcRenderer } from 'electron';
import { buildReaderApi } from './ipc/client.js';

// Runs in the sandboxed preload world. It exposes only the contract's named methods; the page never
// sees ipcRenderer or any way to pick a channel itself. Built to dist/preload.cjs (sandboxed
// preloads must be CommonJS) by vite.preload.config.ts.

contextBridge.exposeInMainWorld(
  'reader',
  buildReaderApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
