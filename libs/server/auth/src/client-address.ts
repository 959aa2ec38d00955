import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a throttle counts a client under. An IPv4 address is one client; an IPv6 client is
 * given a whole /64 (RFC 6177: one site, one /48 to /64), so it can step to a fresh address with
 * every request. Keying by /64 makes the whole subnet one client, however the address is spelled
 * (zeros compressed or written out, upper case, a zone id).
 *
 * An IPv6 address that carries an IPv4 address in its last 32 bits counts as that IPv4 address:
 * IPv4-mapped (`::ffff:192.0.2.1`, RFC 4291 2.5.5.2), IPv4-compatible (`::192.0.2.1`, 2.5.5.1) and
 * the NAT64 well-known prefix (`64:ff9b::192.0.2.1`, RFC 6052). Keyed by /64, all of IPv4 would be
 * one client in each of those prefixes: one guesser would lock out everyone else reaching us that way.
 */
export function clientAddressKey(ip: string): string {
  const address = ip.trim().toLowerCase();
  if (isIPv4(address)) return address;
  const zoneless = address.split('%')[0];
  if (!isIPv6(zoneless)) return address || 'unknown';
  const groups = expandIpv6(zoneless);
  const embedded = embeddedIpv4(groups);
  if (embedded) return embedded;
  return `${groups.slice(0, 4).map(hex).join(':')}::/64`;
}

/** The IPv4 address in the last 32 bits of a mapped, compatible or NAT64 address; null for any other. */
function embeddedIpv4(groups: number[]): string | null {
  const [a, b, c, d, e, f, high, low] = groups;
  const zeroHead = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  const mapped = zeroHead && f === 0xffff;
  // `::` and `::1` (unspecified and loopback, RFC 4291 2.5.2–3) are IPv6 addresses in their own right.
  const compatible = zeroHead && f === 0 && (high > 0 || low > 1);
  const nat64 = a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0;
  if (!mapped && !compatible && !nat64) return null;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of a valid IPv6 address (isIPv6, without a zone id). */
function expandIpv6(address: string): number[] {
  let text = address;
  // A trailing dotted quad (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${hex((a << 8) | b)}:${hex((c << 8) | d)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((g) => parseInt(g, 16));
}

function hex(group: number): string {
  return group.toString(16);
}
