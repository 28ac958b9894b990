// Socket errors as applications see them: errno names and strerror texts.
import type { SocketErrorCode } from './tcp-connection.js';

const STRERROR: Record<SocketErrorCode, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  EADDRINUSE: 'Address already in use',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EPIPE: 'Broken pipe',
  EINVAL: 'Invalid argument',
  EPERM: 'Operation not permitted',
};

const ERRNO: Record<SocketErrorCode, number> = {
  EPERM: 1,
  EINVAL: 22,
  EPIPE: 32,
  EADDRINUSE: 98,
  EADDRNOTAVAIL: 99,
  ENETUNREACH: 101,
  ECONNRESET: 104,
  ETIMEDOUT: 110,
  ECONNREFUSED: 111,
  EHOSTUNREACH: 113,
};

export function strerror(code: SocketErrorCode): string {
  return STRERROR[code];
}

export function errnoOf(code: SocketErrorCode): number {
  return ERRNO[code];
}

/** What a socket call rejects with. */
export class SocketError extends Error {
  constructor(readonly code: SocketErrorCode) {
    super(STRERROR[code]);
    this.name = 'SocketError';
  }
}

/** The errno code inside anything a socket call threw. */
export function socketErrorCode(err: unknown): SocketErrorCode | undefined {
  return err instanceof SocketError ? err.code : undefined;
}
