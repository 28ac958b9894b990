export const TCPDUMP_USAGE = `tcpdump version 4.9.3
libpcap version 1.9.1 (with TPACKET_V3)
OpenSSL 1.1.1f  31 Mar 2020
Usage: tcpdump [-aAbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ -j tstamptype ] [ -M secret ] [ --number ]
\t\t[ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ --time-stamp-precision precision ]
\t\t[ --immediate-mode ] [ -T type ] [ --version ] [ -V file ]
\t\t[ -w file ] [ -W filecount ] [ -y datalinktype ] [ -z postrotate-command ]
\t\t[ -Z user ] [ expression ]
`;

export const TCPDUMP_MAN = `TCPDUMP(8)

NAME
    tcpdump - dump traffic on a network

SYNOPSIS
    tcpdump [-ADelnNqStvxX] [-c count] [-i interface] [-r file] [-w file] [expression]

DESCRIPTION
    tcpdump prints one line for every packet that crosses an interface and
    matches the expression. In this lab it shows you where a packet really
    travels: a container's ping to the host's own address shows up on
    docker0 but never on ens160; a ping to Host01 shows up on both, with the
    container's address on docker0 and the host's address on ens160 (that is
    MASQUERADE at work).

    It starts by saying which interface it listens on and stops with Ctrl-C
    (or after -c packets), then says how many packets it captured.

OPTIONS
    -i IFACE   Listen on IFACE; "any" listens on all interfaces of the namespace.
               Without -i: the first interface that is up, other than lo.
    -n         Do not turn addresses into names (-nn: ports too). The simulator
               never resolves names, so output is always numeric.
    -e         Print the link-level header: source and destination MAC, ethertype.
    -v         More detail: the IP header (tos, ttl, id, flags, length), TCP checksums,
               HTTP headers.
    -c COUNT   Exit after COUNT packets.
    -w FILE    Write the raw packets to FILE (pcap format, Wireshark opens it) instead of printing.
    -r FILE    Read packets from FILE instead of an interface.
    -t         No timestamps.
    -q         Quick: less protocol detail (TCP shows as "tcp LENGTH").
    -S         Absolute TCP sequence numbers instead of numbers relative to the connection's start.
    -x, -X     Also dump the packet in hex from the IP header (-X adds the printable characters);
               -xx and -XX start at the Ethernet header.
    -A         Also print the packet's printable characters (HTTP requests become readable).
    -l         Line-buffered output (always the case here).
    -D         List the interfaces tcpdump can listen on.

EXPRESSION
    Primitives:  host ADDR, net NET[/LEN], port PORT, portrange LO-HI, with
                 an optional direction src, dst, "src or dst", "src and dst",
                 and an optional protocol: ether, ip, arp, tcp, udp, icmp.
                 A protocol alone (icmp, tcp, arp, ...) matches that protocol.
    Combine them with and (&&), or (||), not (!) and parentheses; quote the
    expression when it has parentheses: tcpdump -n -i docker0 'tcp and (port 80 or port 81)'.
    A value alone repeats the previous qualifiers: "host 172.17.0.2 or 172.17.0.3".

EXAMPLES
    tcpdump -n -i docker0 icmp
    tcpdump -n -i ens160 'tcp port 81'
    tcpdump -nn -e -i any arp or icmp
`;
