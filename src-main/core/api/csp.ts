// The renderer's Content Security Policy, sent as a header by both hosts (the
// Electron app:// handler and browser mode's server); src-renderer/index.html
// carries the same policy in a meta tag. xterm.js sets inline styles, hence
// 'unsafe-inline' for styles only.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
