// GNU date on the lab's clock. The lab's hosts keep UTC (Etc/UTC), so local
// time and -u print the same.
import type { Command } from '../command.js';
import { hasOption, lastOption, optionWords, parseOptions, type OptionSpec } from './getopt.js';
import { printedHelp } from './help-option.js';

const OPTIONS: OptionSpec = {
  short: 'd:f:I::r:Rs:u',
  long: { 'date=': 'd', 'file=': 'f', 'iso-8601?': 'I', 'rfc-email': 'R', 'rfc-3339=': 'rfc-3339', 'reference=': 'r', 'set=': 's', utc: 'u', universal: 'u', debug: 'debug' },
};

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const UNITS: Record<string, number> = { sec: 1e3, second: 1e3, min: 6e4, minute: 6e4, hour: 36e5, day: 864e5, week: 6048e5, fortnight: 12096e5 };

/** The ISO week (%V) and its year (%G) of a UTC date. */
function isoWeek(d: Date): { week: number; year: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { week: Math.ceil(((t.getTime() - yearStart) / 864e5 + 1) / 7), year: t.getUTCFullYear() };
}

/** strftime in the C locale for a UTC time, with GNU's `-`, `_`, `0`, `^` and `#` flags. */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const dayOfYear = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 864e5) + 1;
  const weekOf = (firstDay: number): number => Math.floor((dayOfYear - 1 + 7 - ((d.getUTCDay() - firstDay + 7) % 7)) / 7);
  const h12 = d.getUTCHours() % 12 || 12;
  return format.replace(/%([-_0^#]?)(\d*)(:{0,3})([a-zA-Z%+])/g, (whole, flag: string, width: string, colons: string, conv: string) => {
    const num = (value: number, digits: number, padWith = '0'): string => {
      const pad = flag === '-' ? '' : flag === '_' ? ' ' : flag === '0' ? '0' : padWith;
      return pad === '' ? String(value) : String(value).padStart(Number(width) || digits, pad);
    };
    const text = (value: string): string => (flag === '^' ? value.toUpperCase() : flag === '#' ? value.toUpperCase() : value);
    switch (conv) {
      case 'a': return text(DAYS[d.getUTCDay()].slice(0, 3));
      case 'A': return text(DAYS[d.getUTCDay()]);
      case 'b': case 'h': return text(MONTHS[d.getUTCMonth()].slice(0, 3));
      case 'B': return text(MONTHS[d.getUTCMonth()]);
      case 'c': return strftime('%a %b %e %H:%M:%S %Y', ms);
      case 'C': return num(Math.floor(d.getUTCFullYear() / 100), 2);
      case 'd': return num(d.getUTCDate(), 2);
      case 'D': return strftime('%m/%d/%y', ms);
      case 'e': return num(d.getUTCDate(), 2, ' ');
      case 'F': return strftime('%Y-%m-%d', ms);
      case 'g': return num(isoWeek(d).year % 100, 2);
      case 'G': return num(isoWeek(d).year, 4);
      case 'H': return num(d.getUTCHours(), 2);
      case 'I': return num(h12, 2);
      case 'j': return num(dayOfYear, 3);
      case 'k': return num(d.getUTCHours(), 2, ' ');
      case 'l': return num(h12, 2, ' ');
      case 'm': return num(d.getUTCMonth() + 1, 2);
      case 'M': return num(d.getUTCMinutes(), 2);
      case 'n': return '\n';
      case 'N': return String(d.getUTCMilliseconds() * 1e6).padStart(9, '0').slice(0, Number(width) || 9);
      case 'p': return flag === '#' ? (d.getUTCHours() < 12 ? 'am' : 'pm') : d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'P': return d.getUTCHours() < 12 ? 'am' : 'pm';
      case 'r': return strftime('%I:%M:%S %p', ms);
      case 'R': return strftime('%H:%M', ms);
      case 's': return String(Math.floor(ms / 1000));
      case 'S': return num(d.getUTCSeconds(), 2);
      case 't': return '\t';
      case 'T': return strftime('%H:%M:%S', ms);
      case 'u': return String(d.getUTCDay() || 7);
      case 'U': return num(weekOf(0), 2);
      case 'V': return num(isoWeek(d).week, 2);
      case 'w': return String(d.getUTCDay());
      case 'W': return num(weekOf(1), 2);
      case 'x': return strftime('%m/%d/%y', ms);
      case 'X': return strftime('%H:%M:%S', ms);
      case 'y': return num(d.getUTCFullYear() % 100, 2);
      case 'Y': return num(d.getUTCFullYear(), 4);
      case 'z': return ['+0000', '+00:00', '+00:00:00', '+00'][colons.length];
      case 'Z': return text('UTC');
      case '+': return strftime('%a %b %e %H:%M:%S %Z %Y', ms);
      case '%': return '%';
      default: return whole;
    }
  });
}

/** The few forms of `date -d` a lab needs: @EPOCH, ISO dates and times, now/today/yesterday/tomorrow, `N unit [ago]`. */
export function parseDate(text: string, now: number): number | undefined {
  let rest = text.trim().toLowerCase();
  if (/^@-?\d+(\.\d+)?$/.test(rest)) return Math.floor(Number(rest.slice(1)) * 1000);
  let base = now;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:\s*(z|utc|[+-]\d{2}:?\d{2}))?/.exec(rest);
  if (iso) {
    const [, y, mo, da, h = '0', mi = '0', s = '0', frac = '0', zone] = iso;
    if (Number(mo) < 1 || Number(mo) > 12 || Number(da) < 1 || Number(da) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
    base = Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(h), Number(mi), Number(s), Number(('0.' + frac).slice(0, 5)) * 1000);
    const offset = zone && /^[+-]/.test(zone) ? (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 6e4 : 0;
    base -= offset;
    rest = rest.slice(iso[0].length).trim();
  } else if (/^(\d{1,2}):(\d{2})(:(\d{2}))?/.test(rest)) {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(rest)!;
    const day = new Date(now);
    base = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Number(m[1]), Number(m[2]), Number(m[3] ?? 0));
    rest = rest.slice(m[0].length).trim();
  }
  for (;;) {
    if (rest === '') return base;
    const word = /^(now|today|yesterday|tomorrow)\b\s*/.exec(rest);
    if (word) {
      if (word[1] === 'yesterday') base -= 864e5;
      if (word[1] === 'tomorrow') base += 864e5;
      rest = rest.slice(word[0].length);
      continue;
    }
    const relative = /^([+-]?\s*\d+)?\s*(sec|second|min|minute|hour|day|week|fortnight|month|year)s?\b\s*(ago\b)?\s*/.exec(rest);
    if (!relative) return undefined;
    const n = Number((relative[1] ?? '1').replace(/\s/g, '')) * (relative[3] ? -1 : 1);
    if (relative[2] === 'month' || relative[2] === 'year') {
      const d = new Date(base);
      if (relative[2] === 'month') d.setUTCMonth(d.getUTCMonth() + n);
      else d.setUTCFullYear(d.getUTCFullYear() + n);
      base = d.getTime();
    } else base += n * UNITS[relative[2]];
    rest = rest.slice(relative[0].length);
  }
}

export const date: Command = {
  name: 'date',
  summary: 'print or set the system date and time',
  usage: 'date [OPTION]... [+FORMAT]\n  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]',
  completions: () => [...optionWords(OPTIONS), '-Iseconds', '+%s', '+%F', '+%T'],
  man: `date - display the current time in the given FORMAT, or set the system date.

Mandatory arguments to long options are mandatory for short options too.
  -d, --date=STRING          display time described by STRING, not 'now'
  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.
                               FMT='date' for date only (the default),
                               'hours', 'minutes', 'seconds', or 'ns'
  -R, --rfc-email            output date and time in RFC 5322 format.
                               Example: Mon, 14 Aug 2006 02:34:56 -0600
      --rfc-3339=FMT         output date/time in RFC 3339 format.
                               FMT='date', 'seconds', or 'ns'
  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)
      --help     display this help and exit

FORMAT controls the output.  Interpreted sequences are:
  %%   a literal %          %a   abbreviated weekday name (e.g., Sun)
  %A   full weekday name    %b   abbreviated month name (e.g., Jan)
  %B   full month name      %c   date and time (e.g., Thu Mar  3 23:05:25 2005)
  %d   day of month (01)    %D   same as %m/%d/%y      %e   day of month, space padded
  %F   full date; like %+4Y-%m-%d                      %H   hour (00..23)
  %I   hour (01..12)        %j   day of year (001..366) %m   month (01..12)
  %M   minute (00..59)      %n   a newline              %N   nanoseconds
  %p   AM or PM             %s   seconds since 1970-01-01 00:00:00 UTC
  %S   second (00..60)      %T   same as %H:%M:%S       %u   day of week (1..7); 1 is Monday
  %V   ISO week number      %y   last two digits of year %Y   year
  %z   +hhmm numeric time zone (e.g., -0400)            %Z   alphabetic time zone abbreviation

The time is the lab's clock; the lab's hosts keep UTC.`,
  async run(ctx) {
    if (printedHelp(ctx, date)) return 0;
    const parsed = parseOptions(ctx, 'date', OPTIONS);
    if (!parsed) return 1;
    const now = ctx.clock.wallTimeMs?.() ?? ctx.clock.now();
    const formats = parsed.operands.filter((o) => o.startsWith('+'));
    const others = parsed.operands.filter((o) => !o.startsWith('+'));
    if (formats.length > 1) {
      ctx.stderr.write(`date: extra operand '${formats[1]}'\nTry 'date --help' for more information.\n`);
      return 1;
    }
    if (others.length > 0) {
      ctx.stderr.write(`date: cannot set date: Operation not permitted\n`);
      return 1;
    }
    if (lastOption(parsed, 's') !== undefined) {
      ctx.stderr.write(`date: cannot set date: Operation not permitted\n`);
      return 1;
    }
    const described = lastOption(parsed, 'd');
    const when = described === undefined ? now : parseDate(described, now);
    if (when === undefined) {
      ctx.stderr.write(`date: invalid date '${described}'\n`);
      return 1;
    }
    const iso = parsed.options.filter((o) => o.key === 'I').pop();
    const rfc3339 = lastOption(parsed, 'rfc-3339');
    let format = formats[0]?.slice(1) ?? '%a %b %e %H:%M:%S %Z %Y';
    if (iso) {
      const isoFormats: Record<string, string> = { '': '%Y-%m-%d', date: '%Y-%m-%d', hours: '%Y-%m-%dT%H%:z', minutes: '%Y-%m-%dT%H:%M%:z', seconds: '%Y-%m-%dT%H:%M:%S%:z', ns: '%Y-%m-%dT%H:%M:%S,%N%:z' };
      const picked = Object.keys(isoFormats).find((k) => k !== '' && iso.value !== '' && k.startsWith(iso.value)) ?? (iso.value === '' ? '' : undefined);
      if (picked === undefined) {
        ctx.stderr.write(`date: invalid argument '${iso.value}' for '--iso-8601'\nValid arguments are:\n  - 'hours'\n  - 'minutes'\n  - 'date'\n  - 'seconds'\n  - 'ns'\nTry 'date --help' for more information.\n`);
        return 1;
      }
      format = isoFormats[picked];
    } else if (hasOption(parsed, 'R')) format = '%a, %d %b %Y %H:%M:%S %z';
    else if (rfc3339 !== undefined) format = rfc3339 === 'date' ? '%Y-%m-%d' : rfc3339 === 'ns' ? '%Y-%m-%d %H:%M:%S.%N%:z' : '%Y-%m-%d %H:%M:%S%:z';
    ctx.stdout.write(strftime(format, when) + '\n');
    return 0;
  },
};
