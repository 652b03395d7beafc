// Limits that the IPC schemas and the renderer both need, in a module that imports nothing (the
// renderer's bundle has no zod).

/**
 * A highlight across passages is one annotation per passage (an annotation targets one block);
 * the reader highlights at most this many at once, and main refuses more.
 */
export const HIGHLIGHT_PASSAGES_MAX = 50;
