import { describe, expect, it } from 'vitest';
import { TestTerminal } from '../harness.js';

describe('awk (mawk)', () => {
  it('runs patterns, fields, arrays, printf and functions', async () => {
    const t = new TestTerminal();
    await t.run("printf 'alice 30 paris\\nbob 25 rome\\ncarol 35 paris\\n' > /tmp/p");
    expect((await t.run("awk '$2 > 28 {print $1, $3}' /tmp/p")).output).toBe('alice paris\ncarol paris\n');
    expect((await t.run("awk '/rome/,/carol/ {print NR}' /tmp/p")).output).toBe('2\n3\n');
    expect((await t.run("awk '{s += $2} END {print s, s/NR}' /tmp/p")).output).toBe('90 30\n');
    expect((await t.run("echo a,b,c | awk -F, -v OFS=';' '{$1 = $1; print; print NF}'")).output).toBe('a;b;c\n3\n');
    expect((await t.run("awk 'BEGIN {n = split(\"a:b:c\", p, \":\"); s = \"foo foo\"; gsub(/o+/, \"0\", s); printf \"%d %s %s %5.1f|%-3s|\\n\", n, p[3], s, 2.25, \"x\"}'")).output).toBe('3 c f0 f0   2.2|x  |\n');
    expect((await t.run("awk 'function sq(x) { return x * x } BEGIN { print sq(7), length(\"abc\"), substr(\"hello\", 2, 3), toupper(\"a\") }'")).output).toBe('49 3 ell A\n');
    expect((await t.run("awk 'BEGIN { a[\"k\"] = 1; delete a[\"k\"]; print (\"k\" in a), 1e10, 0.1 + 0.2, 7 % 3 }'")).output).toBe('0 1e+10 0.3 1\n');
    expect((await t.run("seq 4 | awk 'NR % 2 { getline; print \"pair\", $0 }'")).output).toBe('pair 2\npair 4\n');
  });

  it('prints errors as mawk does', async () => {
    const t = new TestTerminal();
    expect((await t.run("awk '{print $1'; echo $?")).output).toBe('awk: line 2: missing } near end of file\n2\n');
    expect((await t.run("awk 'BEGIN { x = 1 / 0 }'; echo $?")).output).toBe('awk: run time error: division by zero\n\tFILENAME="" FNR=0 NR=0\n2\n');
    expect((await t.run("awk '{print}' /tmp/missing; echo $?")).output).toBe('awk: cannot open /tmp/missing (No such file or directory)\n2\n');
  });

  it('stops a runaway loop on Ctrl-C', async () => {
    const t = new TestTerminal();
    t.session.write("awk 'BEGIN { while (1) n++ }'\r");
    await t.clock.advance(100);
    t.session.write('\x03');
    await t.settle(5000);
    expect(t.session.busy).toBe(false);
  });
});
