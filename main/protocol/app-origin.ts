// The renderer is served from one fixed origin, app://reader. Everything that decides whether a URL
// or an IPC sender is "ours" asks this module, so the origin is spelled in exactly one place.

export const APP_SCHEME = 'app';
export const APP_HOST = 'reader';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True when `raw` is a URL on app://reader. Node and Chromium report `origin` as "null" for custom
 * schemes, so the check compares protocol and host instead of origins.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.port === ''
  );
}
