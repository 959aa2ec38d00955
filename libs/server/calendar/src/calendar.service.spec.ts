import { fileName } from './calendar.service';

describe('the file name of a meeting’s .ics', () => {
  const at = new Date('2027-03-01T23:30:00Z');

  it('is the title in lower-case ASCII words and the local date in the meeting’s zone', () => {
    expect(fileName('Peer session: Q&A', at, 'Europe/London')).toBe('peer-session-q-a-2027-03-01.ics');
    // 23:30 UTC is already 2 March in Berlin.
    expect(fileName('Peer session: Q&A', at, 'Europe/Berlin')).toBe('peer-session-q-a-2027-03-02.ics');
  });

  it('keeps letters without their accents and drops everything a header or a file system could choke on', () => {
    expect(fileName('Café “Crème” / Zürich\r\nX-Evil: 1', at, 'Europe/London')).toBe('cafe-creme-zurich-x-evil-1-2027-03-01.ics');
    expect(fileName('"; filename=evil.exe', at, 'Europe/London')).toBe('filename-evil-exe-2027-03-01.ics');
  });

  it('falls back to “meeting” when nothing is left, and stays short', () => {
    expect(fileName('会议 ✨', at, 'Europe/London')).toBe('meeting-2027-03-01.ics');
    const long = fileName('word '.repeat(40), at, 'Europe/London');
    expect(long).toMatch(/^[a-z0-9-]+-2027-03-01\.ics$/);
    expect(long.length).toBeLessThanOrEqual(60 + '-2027-03-01.ics'.length);
    expect(long).not.toContain('--');
  });
});
