// Times on screen are the store's, whatever the PC's zone: run with TZ=Asia/Tokyo below, formatting for La Paz.
import { describe, expect, it } from 'vitest';
import { formatInstant, sameDay } from './time';

describe('store time', () => {
  it('formats an instant in the store zone, not the process zone', () => {
    const saved = process.env['TZ'];
    process.env['TZ'] = 'Asia/Tokyo';
    try {
      expect(new Date('2026-11-29T03:30:00Z').getHours()).toBe(12); // the process is in Tokyo
      expect(formatInstant('2026-11-29T03:30:00Z', 'en-GB', 'America/La_Paz', 'time')).toBe('23:30');
      expect(formatInstant('2026-11-29T03:30:00Z', 'en-GB', 'America/La_Paz', 'dateTime')).toBe('28/11/2026, 23:30');
      expect(formatInstant('2026-11-29T03:30:00Z', 'en-GB', 'Asia/Tokyo', 'time')).toBe('12:30');
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('tells the same store day across UTC midnight', () => {
    const a = new Date('2026-11-29T03:30:00Z'); // 23:30 on the 28th in La Paz
    const b = new Date('2026-11-28T14:00:00Z'); // 10:00 on the 28th in La Paz
    expect(sameDay(a, b, 'America/La_Paz')).toBe(true);
    expect(sameDay(a, b, 'UTC')).toBe(false);
  });
});
