import { formatRoute, parseHash, type Route } from './router.js';
import { createStore } from './store.js';

// Where the user is (library or a document) and the history of jumps: every jump (table of
// contents, search hit, footnote, link, previous/next section) records the position it left, so
// Alt+← / Alt+→ go back and forth between places, across documents too.

export interface Position {
  docId: string;
  blockId: string;
}

export type Align = 'start' | 'center';

/** A block the reading view should bring into view once (a new `nonce` for every request). */
export interface Target {
  blockId: string;
  align: Align;
  nonce: number;
}

export interface NavState {
  route: Route;
  /** For the reader route: where to open; null means the saved reading position. */
  target: Target | null;
  back: Position[];
  forward: Position[];
}

/** What the open reading view lets navigation do. */
export interface ReaderPort {
  docId: string;
  scrollTo(blockId: string, align: Align): void;
  position(): Position | null;
}

const MAX_HISTORY = 100;
let nonce = 0;
let port: ReaderPort | null = null;

function initialState(): NavState {
  const route = typeof location === 'undefined' ? ({ name: 'library' } as const) : parseHash(location.hash);
  return { route: stripBlock(route), target: targetOf(route), back: [], forward: [] };
}

function stripBlock(route: Route): Route {
  return route.name === 'reader' ? { name: 'reader', docId: route.docId } : route;
}

function targetOf(route: Route): Target | null {
  return route.name === 'reader' && route.blockId !== undefined
    ? { blockId: route.blockId, align: 'start', nonce: ++nonce }
    : null;
}

export const navigation = createStore<NavState>(initialState());

function writeHash(route: Route, mode: 'push' | 'replace'): void {
  if (typeof history === 'undefined') return;
  const url = formatRoute(route);
  if (location.hash === url || (url === '#/' && location.hash === '')) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Follows the hash when it changes from outside (a link, the browser's own back button). */
export function listenToHash(): () => void {
  const onHashChange = () => {
    if (!location.hash.startsWith('#/') && location.hash !== '') {
      // An in-page anchor (the skip link's #main): the browser moves focus; the route stays.
      writeHash(navigation.get().route, 'replace');
      return;
    }
    const route = parseHash(location.hash);
    navigation.set((s) => ({ ...s, route: stripBlock(route), target: targetOf(route) }));
    if (route.name === 'reader' && route.blockId !== undefined) writeHash(stripBlock(route), 'replace');
  };
  window.addEventListener('hashchange', onHashChange);
  // A link into a block (#/read/doc/block) is consumed once; a reload then reopens at the saved position.
  const route = parseHash(location.hash);
  if (route.name === 'reader' && route.blockId !== undefined) writeHash(stripBlock(route), 'replace');
  return () => window.removeEventListener('hashchange', onHashChange);
}

export function registerReader(reader: ReaderPort): () => void {
  port = reader;
  return () => {
    if (port === reader) port = null;
  };
}

export function currentPosition(): Position | null {
  return port?.position() ?? null;
}

function go(position: Position, align: Align): void {
  if (port !== null && port.docId === position.docId && navigation.get().route.name === 'reader') {
    port.scrollTo(position.blockId, align);
    return;
  }
  const route: Route = { name: 'reader', docId: position.docId };
  navigation.set((s) => ({ ...s, route, target: { blockId: position.blockId, align, nonce: ++nonce } }));
  writeHash(route, 'push');
}

const same = (a: Position | null | undefined, b: Position | null | undefined) =>
  a != null && b != null && a.docId === b.docId && a.blockId === b.blockId;

/** Goes to a position, remembering where the user was. */
export function jumpTo(position: Position, align: Align = 'start'): void {
  const here = currentPosition();
  if (here !== null && !same(here, position)) {
    navigation.set((s) => ({
      ...s,
      back: [...s.back.slice(-(MAX_HISTORY - 1)), here],
      forward: [],
    }));
  }
  go(position, align);
}

export function goBack(): void {
  const { back } = navigation.get();
  const to = back[back.length - 1];
  if (to === undefined) return;
  const here = currentPosition();
  navigation.set((s) => ({
    ...s,
    back: s.back.slice(0, -1),
    forward: here !== null ? [...s.forward, here] : s.forward,
  }));
  go(to, 'start');
}

export function goForward(): void {
  const { forward } = navigation.get();
  const to = forward[forward.length - 1];
  if (to === undefined) return;
  const here = currentPosition();
  navigation.set((s) => ({
    ...s,
    forward: s.forward.slice(0, -1),
    back: here !== null ? [...s.back, here] : s.back,
  }));
  go(to, 'start');
}

export function openDocument(docId: string): void {
  const route: Route = { name: 'reader', docId };
  navigation.set((s) => ({ ...s, route, target: null }));
  writeHash(route, 'push');
}

/** The data view: the datasets, or one of them. */
export function openData(datasetId?: string): void {
  const route: Route = datasetId === undefined ? { name: 'data' } : { name: 'data', datasetId };
  navigation.set((s) => ({ ...s, route, target: null }));
  writeHash(route, 'push');
}

export function openLibrary(): void {
  const route: Route = { name: 'library' };
  navigation.set((s) => ({ ...s, route, target: null }));
  writeHash(route, 'push');
}
