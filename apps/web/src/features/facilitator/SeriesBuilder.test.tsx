import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { buildRrule, defaultSeriesChoice, SeriesChoice } from './rrule';
import { SeriesBuilder } from './SeriesBuilder';

function Harness({ initial = defaultSeriesChoice() }: { initial?: SeriesChoice }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <SeriesBuilder value={value} onChange={setValue} />
      <output data-testid="rule">{buildRrule(value).rrule ?? ''}</output>
    </>
  );
}

const rule = () => screen.getByTestId('rule').textContent;
const choose = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the recurring-series builder', () => {
  it('builds "monthly, first Tuesday, 12 sessions" from its defaults and says so in words', () => {
    renderWithProviders(<Harness />);
    expect(rule()).toBe('FREQ=MONTHLY;BYDAY=1TU;COUNT=12');
    expect(screen.getByTestId('series-summary')).toHaveTextContent('Every month on the first Tuesday, 12 sessions.');
  });

  it('builds a monthly rule on the last Thursday, every two months, for six sessions', () => {
    renderWithProviders(<Harness />);
    choose('Which', '-1');
    choose('Weekday', 'TH');
    choose('Every how many months', '2');
    choose('Number of sessions', '6');
    expect(rule()).toBe('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TH;COUNT=6');
    expect(screen.getByTestId('series-summary')).toHaveTextContent('Every 2 months on the last Thursday, 6 sessions.');
  });

  it('builds a weekly rule on the days ticked, in weekday order', () => {
    renderWithProviders(<Harness />);
    choose('Repeats', 'weekly');
    fireEvent.click(screen.getByLabelText('Thursday'));
    fireEvent.click(screen.getByLabelText('Monday'));
    choose('Number of sessions', '8');
    expect(rule()).toBe('FREQ=WEEKLY;BYDAY=MO,TU,TH;COUNT=8');
  });

  it('builds a monthly rule on a date of the month', () => {
    renderWithProviders(<Harness />);
    choose('On', 'date');
    choose('Day of the month', '15');
    expect(rule()).toBe('FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12');
  });

  it.each([
    ['a date some months do not have', { monthlyBy: 'date', monthDay: 31 }, 'Not every month has a 29th, 30th or 31st'],
    ['no weekday for a weekly series', { frequency: 'weekly', weekdays: [] }, 'Choose at least one day of the week.'],
    ['more sessions than a series may hold', { count: 61 }, 'A series has between 1 and 60 sessions.'],
    ['no sessions at all', { count: 0 }, 'A series has between 1 and 60 sessions.'],
  ] as const)('refuses %s with a message, and builds no rule', (_what, patch, message) => {
    renderWithProviders(<Harness initial={{ ...defaultSeriesChoice(), ...patch } as SeriesChoice} />);
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(rule()).toBe('');
    expect(screen.queryByTestId('series-summary')).toBeNull();
  });
});
