import { z } from 'zod';
import { CHANNELS, type Envelope, failure, HandlerError, isChannelName } from './contract.js';
import type { Handlers } from './handlers.js';

// Turns an untrusted (channel, argument) pair into an envelope. Everything that can go wrong —
// unknown channel, malformed argument, a handler throwing, a handler returning something outside the
// contract — becomes {ok: false}; dispatch itself never rejects.

export type Dispatch = (channel: unknown, rawArgs: unknown) => Promise<Envelope>;

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
}

export function createDispatch(handlers: Handlers): Dispatch {
  // Replies that are the very same object as before (a document from the immutable bundle) are
  // checked once: the report's 800 blocks cost milliseconds to validate on every open.
  const checked = new WeakMap<object, unknown>();
  return async (channel, rawArgs) => {
    try {
      if (!isChannelName(channel)) return failure('UNKNOWN_CHANNEL', `Unknown channel ${describe(channel)}.`);
      const def = CHANNELS[channel];
      const request = def.request.safeParse(rawArgs);
      if (!request.success) {
        return failure('BAD_REQUEST', `Bad request for ${channel}: ${z.prettifyError(request.error)}`);
      }
      // The map is keyed by channel, so the handler and its schema belong together; TypeScript cannot
      // follow that through the union, hence the widened call.
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      const raw = await handler(request.data);
      if (raw !== null && typeof raw === 'object' && checked.has(raw))
        return { ok: true, value: checked.get(raw) };
      const response = def.response.safeParse(raw);
      if (!response.success) return failure('INTERNAL', `The ${channel} handler returned an invalid reply.`);
      if (raw !== null && typeof raw === 'object' && Object.isFrozen(raw)) checked.set(raw, response.data);
      return { ok: true, value: response.data };
    } catch (error) {
      if (error instanceof HandlerError) return failure(error.code, error.message);
      return failure('INTERNAL', error instanceof Error ? error.message : 'Unexpected error.');
    }
  };
}
