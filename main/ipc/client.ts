import { EnvelopeSchema, type ReaderApi, readerMethods } from './contract.js';

// Builds `window.reader` over any transport that delivers (channel, request) to dispatch() and
// returns its envelope. The preload uses ipcRenderer.invoke; nothing else is exposed to the page.

export type Transport = (channel: string, request: unknown) => Promise<unknown>;

export function buildReaderApi(transport: Transport): ReaderApi {
  const api: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const { method, channel } of readerMethods()) {
    api[method] = async (request?: unknown) => {
      const envelope = EnvelopeSchema.safeParse(await transport(channel, request));
      if (!envelope.success) throw new Error(`Malformed reply on ${channel}.`);
      if (!envelope.data.ok) throw new Error(envelope.data.error.message);
      return envelope.data.value;
    };
  }
  // The object's shape is built from the same channel list ReaderApi is derived from.
  return Object.freeze(api) as unknown as ReaderApi;
}
