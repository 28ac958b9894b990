export const IP_MAN = `IP(8)

NAME
    ip - show / manipulate routing, network devices, interfaces and tunnels

SYNOPSIS
    ip [ OPTIONS ] OBJECT { COMMAND | help }
    OBJECT := { link | address | route | neigh | maddress | netns }
    OPTIONS := { -br[ief] | -d[etails] | -j[son] [-p[retty]] | -s[tatistics] |
                 -o[neline] | -4 | -n[etns] NAME | -V[ersion] }

DESCRIPTION
    ip looks at and changes the network configuration of the network
    namespace it runs in. On the Docker host that is the host's own view;
    inside a container (or with nsenter -t PID -n, or ip netns exec NAME)
    it is the container's: its own interfaces, addresses and routes.

    Every object can be abbreviated: ip a, ip r, ip l, ip n.

OBJECTS
    link     Network devices. "ip link" lists them: index, name, flags, MTU,
             state, MAC. A veth shows its peer as name@ifN (N is the peer's
             index in the other namespace) and link-netnsid K (which namespace
             that is, as this one numbers it). A bridge port shows "master docker0".
             ip link set DEV up|down|master BR|nomaster|netns NAME|name NEW|mtu N
             ip link add NAME type veth peer name PEER | ip link add NAME type bridge
             ip link del DEV
    address  IPv4 addresses on devices, with broadcast, scope and lifetimes.
             ip addr add 10.0.0.1/24 dev DEV | ip addr del ... | ip addr flush dev DEV
    route    The routing table: "default via GW dev DEV", connected routes
             ("proto kernel scope link src ADDR"). "ip route get ADDR" shows
             which route, device and source address a packet to ADDR would use.
             ip route add PREFIX|default via GW [dev DEV] [metric N] | ip route del ...
             ip route show table local: the addresses the kernel treats as its own.
    neigh    The ARP cache: which MAC answers for which neighbour, and its state
             (REACHABLE, STALE, DELAY, PROBE, INCOMPLETE, FAILED, PERMANENT).
    maddress The multicast groups each device has joined: the Ethernet
             addresses it accepts (link), its IPv4 and IPv6 groups (inet,
             inet6). A bridge joins the router-discovery groups as well.
    netns    Named network namespaces (/var/run/netns): list, add, delete,
             exec NAME COMMAND, identify PID, pids NAME. Docker keeps its
             namespaces elsewhere, so "ip netns list" on a Docker host is
             usually empty: use nsenter or lsns to reach a container's.

PERMISSIONS
    Changing links, addresses, routes or neighbours needs CAP_NET_ADMIN:
    a container has it only with --cap-add NET_ADMIN or --privileged.

OPTIONS
    -br      One line per device: name, state, addresses (or MAC and flags).
    -d       Details: device kind (veth, bridge), bridge port state.
    -j, -p   JSON output, pretty-printed with -p.
    -s       Packet and byte counters.
    -o       One line per record.
    -4       IPv4 only.
    -n NAME  Run in the named network namespace (as ip netns exec NAME ip ...).

EXIT STATUS
    0 on success, 1 for a wrong device or syntax, 2 when the kernel refused
    (RTNETLINK answers: ...), 255 for an unknown object or command.
`;
