// The Content-Security-Policy sent with every renderer response. It starts from nothing allowed and
// adds only what the built renderer uses: its own scripts, stylesheets, images (data: for small
// inline SVG icons in CSS) and fonts. No inline script or style, no network, no framing, no forms.

export interface CspOptions {
  /**
   * The browser host bridges `window.reader` over fetch to its own origin; the Electron app uses
   * IPC and allows no connections at all.
   */
  allowSelfConnect?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${options.allowSelfConnect ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
