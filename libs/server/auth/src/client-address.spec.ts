import { clientAddressKey } from './client-address';

describe('clientAddressKey', () => {
  it('keeps an IPv4 address, and the IPv4 address inside a mapped IPv6 one', () => {
    expect(clientAddressKey('192.0.2.10')).toBe('192.0.2.10');
    expect(clientAddressKey('::ffff:192.0.2.10')).toBe('192.0.2.10');
  });

  it('keys every IPv6 address of one /64 alike, however it is written', () => {
    const key = clientAddressKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const other of ['2001:0db8:0001:0002:ffff:ffff:ffff:fffe', '2001:DB8:1:2:a:b:c:d', '2001:db8:1:2::abcd%eth0']) {
      expect(clientAddressKey(other)).toBe(key);
    }
  });

  it('tells /64s apart', () => {
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(clientAddressKey('2001:db8:1:2::1'));
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(clientAddressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
