// The neighbour (ARP) table with Linux's NUD states: INCOMPLETE while asking,
// REACHABLE once answered, STALE after the reachable time, DELAY and PROBE
// when a stale entry is used again, FAILED when nobody answers.
import type { Ipv4, Mac } from '../wire/addr.js';
import type { NetDevice } from '../link/device.js';
import type { NetNamespace } from './namespace.js';

export type NudState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'PERMANENT' | 'NOARP';

export interface NeighbourEntry {
  ip: Ipv4;
  dev: NetDevice;
  mac?: Mac;
  state: NudState;
  /** Lab time of the last confirmation (ARP reply). */
  confirmedAt: number;
  updatedAt: number;
  /** This entry's randomised reachable time. */
  reachableMs: number;
  probes: number;
  /** Lab time the entry last carried a packet out (neigh->used). */
  usedAt: number;
  /**
   * neigh->probes as the kernel reports it (`ip -s neigh`): set to ucast_solicit when resolution
   * starts from nothing, one more per request sent, kept once answered; a probe cycle starts at 0.
   */
  reportedProbes: number;
  /** Source address of the last packet waiting for or using this entry (arp_announce=0 asks with it). */
  sourceHint?: Ipv4;
  timer?: number;
  waiting: Array<(mac: Mac | undefined) => void>;
}

/** Linux defaults (net.ipv4.neigh.default.*). */
export const NEIGH_DEFAULTS = {
  baseReachableMs: 30_000,
  retransMs: 1_000,
  delayFirstProbeMs: 5_000,
  mcastSolicit: 3,
  ucastSolicit: 3,
  /** Packets queued per unresolved neighbour. */
  unresQlen: 101,
  /** gc_thresh3: the table never holds more entries than this. */
  gcThresh3: 1024,
};

export type ArpSender = (dev: NetDevice, targetIp: Ipv4, unicastTo: Mac | undefined, sourceHint: Ipv4 | undefined) => void;

export class NeighbourTable {
  private readonly entries = new Map<string, NeighbourEntry>();

  constructor(
    private readonly ns: NetNamespace,
    private readonly sendRequest: ArpSender,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Entries as `ip neigh` lists them, states brought up to date. */
  list(): NeighbourEntry[] {
    const out = [...this.entries.values()];
    for (const e of out) this.refresh(e);
    return out;
  }

  get(dev: NetDevice, ip: Ipv4): NeighbourEntry | undefined {
    const e = this.entries.get(key(dev, ip));
    if (e) this.refresh(e);
    return e;
  }

  /** The MAC when the entry can be used as it is (no state change, no ARP): the per-packet fast path. */
  usableMac(dev: NetDevice, ip: Ipv4): Mac | undefined {
    const e = this.entries.get(key(dev, ip));
    if (!e) return undefined;
    switch (e.state) {
      case 'REACHABLE':
        return this.now() - e.confirmedAt > e.reachableMs ? undefined : e.mac;
      case 'PERMANENT':
      case 'NOARP':
      case 'DELAY':
      case 'PROBE':
        return e.mac;
      default:
        return undefined;
    }
  }

  /** Finds the MAC for `ip` on `dev`, asking with ARP if needed; `undefined` when resolution failed. */
  resolve(dev: NetDevice, ip: Ipv4, done: (mac: Mac | undefined) => void, sourceHint?: Ipv4): void {
    let e = this.entries.get(key(dev, ip));
    if (e) this.refresh(e);
    if (e) e.usedAt = this.now();
    if (e && sourceHint) e.sourceHint = sourceHint;
    if (!e || e.state === 'FAILED') {
      e = this.create(dev, ip, 'INCOMPLETE');
      e.reportedProbes = NEIGH_DEFAULTS.ucastSolicit;
      e.sourceHint = sourceHint;
      e.waiting.push(done);
      this.solicit(e);
      return;
    }
    switch (e.state) {
      case 'INCOMPLETE':
        if (e.waiting.length < NEIGH_DEFAULTS.unresQlen) e.waiting.push(done);
        return;
      case 'STALE':
        this.enter(e, 'DELAY');
        this.arm(e, NEIGH_DEFAULTS.delayFirstProbeMs);
        done(e.mac);
        return;
      default:
        done(e.mac);
    }
  }

  /** An ARP reply addressed to us: the neighbour is confirmed reachable. */
  confirm(dev: NetDevice, ip: Ipv4, mac: Mac): void {
    const e = this.entries.get(key(dev, ip));
    if (!e || e.state === 'PERMANENT' || e.state === 'NOARP') return;
    e.mac = mac;
    e.confirmedAt = this.now();
    this.enter(e, 'REACHABLE');
    this.disarm(e);
    this.release(e, mac);
  }

  /** An ARP request from `ip` asking for one of our addresses: remember who asked, as STALE. */
  noteSender(dev: NetDevice, ip: Ipv4, mac: Mac): void {
    const e = this.entries.get(key(dev, ip));
    if (!e) {
      const created = this.create(dev, ip, 'STALE');
      created.mac = mac;
      return;
    }
    if (e.state === 'PERMANENT' || e.state === 'NOARP') return;
    this.refresh(e);
    if (e.mac === mac && (e.state === 'REACHABLE' || e.state === 'DELAY' || e.state === 'PROBE')) return;
    e.mac = mac;
    this.disarm(e);
    this.enter(e, 'STALE');
    this.release(e, mac);
  }

  /** `ip neigh add|replace`: a static entry. */
  setPermanent(dev: NetDevice, ip: Ipv4, mac: Mac, state: 'PERMANENT' | 'NOARP' | 'REACHABLE' | 'STALE' = 'PERMANENT'): void {
    const e = this.entries.get(key(dev, ip)) ?? this.create(dev, ip, state);
    this.disarm(e);
    e.mac = mac;
    e.confirmedAt = this.now();
    this.enter(e, state);
    this.release(e, mac);
  }

  delete(dev: NetDevice, ip: Ipv4): boolean {
    const e = this.entries.get(key(dev, ip));
    if (!e) return false;
    this.drop(e);
    return true;
  }

  /** Removes non-permanent entries (optionally of one device); returns how many. */
  flush(dev?: NetDevice): number {
    let n = 0;
    for (const e of [...this.entries.values()]) {
      if ((dev && e.dev !== dev) || e.state === 'PERMANENT') continue;
      this.drop(e);
      n++;
    }
    return n;
  }

  /** Forgets every entry of a device that went away or down. */
  forgetDevice(dev: NetDevice): void {
    for (const e of [...this.entries.values()]) if (e.dev === dev) this.drop(e);
  }

  private create(dev: NetDevice, ip: Ipv4, state: NudState): NeighbourEntry {
    const existing = this.entries.get(key(dev, ip));
    if (existing) this.drop(existing);
    if (this.entries.size >= NEIGH_DEFAULTS.gcThresh3) this.collectGarbage();
    const now = this.now();
    const jitter = 0.5 + this.ns.world.random();
    const e: NeighbourEntry = {
      ip,
      dev,
      state,
      confirmedAt: now,
      updatedAt: now,
      reachableMs: Math.round(NEIGH_DEFAULTS.baseReachableMs * jitter),
      probes: 0,
      usedAt: now,
      reportedProbes: 0,
      waiting: [],
    };
    this.entries.set(key(dev, ip), e);
    return e;
  }

  /** Drops the oldest entries that are not permanent until there is room. */
  private collectGarbage(): void {
    const candidates = [...this.entries.values()].filter((e) => e.state !== 'PERMANENT' && e.state !== 'NOARP').sort((a, b) => a.updatedAt - b.updatedAt);
    for (const e of candidates) {
      if (this.entries.size < NEIGH_DEFAULTS.gcThresh3) break;
      this.drop(e);
    }
  }

  private solicit(e: NeighbourEntry): void {
    e.probes++;
    e.reportedProbes++;
    this.sendRequest(e.dev, e.ip, e.state === 'PROBE' ? e.mac : undefined, e.sourceHint);
    this.arm(e, NEIGH_DEFAULTS.retransMs);
  }

  private onTimer(e: NeighbourEntry): void {
    e.timer = undefined;
    switch (e.state) {
      case 'INCOMPLETE':
        if (e.probes >= NEIGH_DEFAULTS.mcastSolicit) this.fail(e);
        else this.solicit(e);
        return;
      case 'DELAY':
        if (this.now() - e.confirmedAt < NEIGH_DEFAULTS.delayFirstProbeMs) {
          this.enter(e, 'REACHABLE');
          return;
        }
        this.enter(e, 'PROBE');
        e.probes = 0;
        e.reportedProbes = 0;
        this.solicit(e);
        return;
      case 'PROBE':
        if (e.probes >= NEIGH_DEFAULTS.ucastSolicit) this.fail(e);
        else this.solicit(e);
        return;
    }
  }

  private fail(e: NeighbourEntry): void {
    this.enter(e, 'FAILED');
    e.mac = undefined;
    this.release(e, undefined);
  }

  /** REACHABLE turns STALE once its reachable time has passed; evaluated when looked at. */
  private refresh(e: NeighbourEntry): void {
    if (e.state === 'REACHABLE' && this.now() - e.confirmedAt > e.reachableMs) {
      e.state = 'STALE';
      e.updatedAt = e.confirmedAt + e.reachableMs;
    }
  }

  private enter(e: NeighbourEntry, state: NudState): void {
    e.state = state;
    e.updatedAt = this.now();
    if (state !== 'INCOMPLETE' && state !== 'PROBE') e.probes = 0;
  }

  private release(e: NeighbourEntry, mac: Mac | undefined): void {
    const waiting = e.waiting;
    e.waiting = [];
    for (const w of waiting) w(mac);
  }

  private arm(e: NeighbourEntry, ms: number): void {
    this.disarm(e);
    e.timer = this.ns.world.clock.setTimer(ms, () => this.onTimer(e));
  }

  private disarm(e: NeighbourEntry): void {
    if (e.timer !== undefined) this.ns.world.clock.clearTimer(e.timer);
    e.timer = undefined;
  }

  private drop(e: NeighbourEntry): void {
    this.disarm(e);
    this.entries.delete(key(e.dev, e.ip));
    e.waiting = [];
  }

  private now(): number {
    return this.ns.world.clock.now();
  }
}

function key(dev: NetDevice, ip: Ipv4): string {
  return `${dev.ifindex}|${ip}`;
}
