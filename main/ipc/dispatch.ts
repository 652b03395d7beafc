import { z } from 'zod';
import { CHANNELS, type Envelope, failure, isChannelName } from './contract.js';
import type { Handlers } from './handlers.js';

// Turns an untrusted (channel, argument) pair into an envelope. Everything that can go wrong —
// unknown channel, malformed argument, a handler throwing, a handler returning something outside the
// contract — becomes {ok: false}; dispatch itself never rejects.

export type Dispatch = (channel: unknown, rawArgs: unknown) => Promise<Envelope>;

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
}

export function createDispatch(handlers: Handlers): Dispatch {
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
      const response = def.response.safeParse(await handler(request.data));
      if (!response.success) return failure('INTERNAL', `The ${channel} handler returned an invalid reply.`);
      return { ok: true, value: response.data };
    } catch (error) {
      return failure('INTERNAL', error instanceof Error ? error.message : 'Unexpected error.');
    }
  };
}
