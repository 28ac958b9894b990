// Docker's time formats: RFC 3339 with nanoseconds, and units.HumanDuration.

/** `2026-11-26T09:26:26.780216189Z`; `nanos` adds the digits below the millisecond. */
export function rfc3339Nano(ms: number, nanos = 0): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const sub = (Math.floor(ms) % 1000) * 1_000_000 + nanos;
  const fraction = String(sub).padStart(9, '0').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(seconds / 3600 / 24 / 365)} years`;
}
