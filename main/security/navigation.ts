import { isAppUrl } from '../protocol/app-origin.js';

// What the app does when web content tries to go somewhere: it never navigates its own window or
// opens another one; https: and mailto: links are handed to the system (browser, mail client).
// Pure functions so the policy is tested without Electron.

const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * mailto: may only pre-fill the message. Some mail clients honour `attach=` (a local file) or
 * arbitrary headers, so only these fields pass.
 */
const MAILTO_FIELDS = new Set(['subject', 'body', 'cc']);

function mailtoFieldsAllowed(params: URLSearchParams): boolean {
  for (const key of params.keys()) if (!MAILTO_FIELDS.has(key.toLowerCase())) return false;
  return true;
}

/** https: with a host and no credentials, or mailto:. Nothing else leaves the app. */
export function isAllowedExternalUrl(raw: string): boolean {
  // Control characters and spaces are never part of a well-formed link; refuse rather than let the
  // URL parser silently strip them.
  if (raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH || /[\s\p{Cc}]/u.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0 && mailtoFieldsAllowed(url.searchParams);
  // The parser repairs sloppy forms like 'https:///host' or 'https:\\host'; accept only the plain
  // 'https://host' spelling so what the user sees in the text is what gets opened.
  if (!/^https:\/\/[^/\\]/i.test(raw)) return false;
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
}

export type NavigationDecision = { action: 'deny' } | { action: 'open-external'; url: string };

/** For will-navigate and window.open: the window itself never goes anywhere. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAllowedExternalUrl(url)) return { action: 'open-external', url };
  return { action: 'deny' };
}

/**
 * For the session's request filter: the renderer may load only from app://reader (and data: URLs,
 * which never touch the network). DevTools' own pages are allowed so development still works.
 */
export function isAllowedRequestUrl(url: string): boolean {
  return isAppUrl(url) || url.startsWith('data:') || url.startsWith('devtools://');
}
