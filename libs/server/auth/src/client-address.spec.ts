import { clientAddressKey } from './client-address';

describe('clientAddressKey', () => {
  it('keeps an IPv4 address, and the IPv4 address inside a mapped IPv6 one', () => {
    expect(clientAddressKey('192.0.2.10')).toBe('192.0.2.10');
    expect(clientAddressKey('::ffff:192.0.2.10')).toBe('192.0.2.10');
  });

  it('keys an IPv4 address written in any IPv6 form as the IPv4 address, not as a shared /64', () => {
    const mapped = [
      '::ffff:192.0.2.10',
      '::FFFF:192.0.2.10',
      '::ffff:c000:020a',
      '::ffff:c000:20a',
      '0:0:0:0:0:ffff:192.0.2.10',
      '0000:0000:0000:0000:0000:FFFF:C000:020A',
      '0::ffff:192.0.2.10',
      '::ffff:192.0.2.10%eth0',
    ];
    for (const address of mapped) expect([address, clientAddressKey(address)]).toEqual([address, '192.0.2.10']);
    // Two IPv4 clients reaching us as mapped addresses are two clients.
    expect(clientAddressKey('::ffff:c000:020b')).toBe('192.0.2.11');
  });

  it('keys IPv4-compatible and NAT64 (64:ff9b::/96) addresses by the IPv4 address they carry', () => {
    for (const address of ['::192.0.2.10', '::c000:20a', '0:0:0:0:0:0:192.0.2.10']) {
      expect([address, clientAddressKey(address)]).toEqual([address, '192.0.2.10']);
    }
    for (const address of ['64:ff9b::192.0.2.10', '64:FF9B::C000:20A', '0064:ff9b:0:0:0:0:c000:020a']) {
      expect([address, clientAddressKey(address)]).toEqual([address, '192.0.2.10']);
    }
    expect(clientAddressKey('64:ff9b::198.51.100.1')).toBe('198.51.100.1');
    // Beside the well-known prefix, 64:ff9b:1::/48 (RFC 8215) embeds by the operator's prefix length: a /64 like any other.
    expect(clientAddressKey('64:ff9b:1::c000:20a')).toBe('64:ff9b:1:0::/64');
  });

  it('keys every IPv6 address of one /64 alike, however it is written', () => {
    const key = clientAddressKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const other of [
      '2001:0db8:0001:0002:ffff:ffff:ffff:fffe',
      '2001:DB8:1:2:a:b:c:d',
      '2001:db8:1:2::abcd%eth0',
      '2001:db8:1:2:0:0:0:1',
      ' 2001:db8:1:2::1 ',
      '2001:db8:1:2:0:ffff:c000:20a',
      '2001:db8:1:2::192.0.2.10',
    ]) {
      expect([other, clientAddressKey(other)]).toEqual([other, key]);
    }
  });

  it('tells /64s apart', () => {
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(clientAddressKey('2001:db8:1:2::1'));
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('::')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(clientAddressKey('FE80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('keys what is not an address as it is written', () => {
    expect(clientAddressKey('unknown')).toBe('unknown');
    expect(clientAddressKey('')).toBe('unknown');
    expect(clientAddressKey('::ffff:999.0.2.10')).toBe('::ffff:999.0.2.10');
  });
});
