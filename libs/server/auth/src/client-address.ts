import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a throttle counts a client under. An IPv4 address is one client; an IPv6 client is
 * given a whole /64 (RFC 6177: one site, one /48 to /64), so it can step to a fresh address with
 * every request. Keying by /64 makes the whole subnet one client. IPv4-mapped IPv6 addresses
 * (`::ffff:192.0.2.1`) count as the IPv4 address they carry.
 */
export function clientAddressKey(ip: string): string {
  const address = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  const zoneless = address.split('%')[0];
  if (!isIPv6(zoneless)) return address || 'unknown';
  return `${expandIpv6(zoneless).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function expandIpv6(address: string): string[] {
  let text = address;
  // A trailing dotted quad (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((g) => parseInt(g, 16).toString(16));
}
