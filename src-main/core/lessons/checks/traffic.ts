// Traffic checks: packets seen on an interface while the step was current,
// from a capture the engine starts when the step becomes current.
import type { CapturedPacket } from '../../lab/backend.js';
import { compileRegex, fill } from '../bindings.js';
import type { TrafficCheck } from '../model.js';
import { excerpt, outcome, type CheckOutcome } from '../results.js';

/** What the engine knows of a step's capture for one traffic check. */
export type CaptureState = { packets: readonly CapturedPacket[] } | { error: string };

export function evaluateTraffic(check: TrafficCheck, capture: CaptureState, bindings: Record<string, string>): CheckOutcome {
  const base = { id: check.id, expected: fill(check.expect, bindings), hint: fill(check.hint, bindings) };
  const iface = fill(check.iface, bindings);
  if ('error' in capture) {
    return outcome('traffic', base, 'error', `The capture on ${iface} (${check.host}) could not finish: ${capture.error}`);
  }
  const pattern = compileRegex(check.packet, bindings);
  const matching = capture.packets.filter((p) => pattern.test(p.line));
  const min = check.max === 0 ? 0 : (check.min ?? 1);
  const where = `on ${iface} (${check.host})`;
  if (matching.length < min) {
    const others = capture.packets.length
      ? `; ${capture.packets.length} other packets crossed it, the first:\n${excerpt(capture.packets.map((p) => p.line).join('\n'))}`
      : '; nothing crossed it at all.';
    return outcome('traffic', base, 'fail', `${matching.length ? `Only ${matching.length}` : 'No'} packets of that kind crossed ${iface} while this step was current (at least ${min} needed)${others}`);
  }
  if (check.max !== undefined && matching.length > check.max) {
    const lines = excerpt(matching.map((p) => p.line).join('\n'));
    return outcome('traffic', base, 'fail', `${matching.length} packets of that kind crossed ${iface} while this step was current, and ${check.max ? `at most ${check.max}` : 'none'} may:\n${lines}`);
  }
  return outcome('traffic', base, 'pass', `${matching.length} matching packets seen ${where}`);
}
