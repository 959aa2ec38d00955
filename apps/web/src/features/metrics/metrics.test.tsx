import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
  useNavigate,
  useSearch,
} from '@tanstack/react-router';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../test/render';
import { FigureText, formatMonth, formatNumber, formatRate } from './format';
import { MetricsFilters } from './MetricsFilters';
import { metricsQuery, validateMetricsSearch } from './search';

const GROUPS = [
  { value: 'g1', label: 'Digital Leaders — Inverness' },
  { value: 'g2', label: 'Growth Owners — Dundee' },
];

/** The filters on a router of their own, bound to the URL as the page binds them. */
function renderFilters(url: string) {
  function Filters() {
    const search = useSearch({ strict: false });
    const navigate = useNavigate();
    return (
      <MetricsFilters search={search} onChange={(next) => void navigate({ to: '/metrics', search: next })} groups={GROUPS} />
    );
  }
  const rootRoute = createRootRoute({ validateSearch: validateMetricsSearch, component: Filters });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: [url] }) });
  renderWithProviders(<RouterProvider router={router} />);
  return router;
}

describe('the metrics filters and the URL', () => {
  it('shows the filters the URL holds, and drops what it does not understand', async () => {
    renderFilters('/metrics?programmeId=p1&groupId=g2&sicSection=c&employeeBand=10-49&from=2026-01&to=2025-09&bogus=1');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Group' })).toHaveValue('Growth Owners — Dundee'));
    expect(screen.getByRole('combobox', { name: 'Industry (SIC section)' })).toHaveValue('Section C');
    expect(screen.getByRole('combobox', { name: 'Employee band' })).toHaveValue('10-49 employees');
    // A range given backwards is read the right way round.
    expect(screen.getByLabelText('From month')).toHaveValue('2025-09');
    expect(screen.getByLabelText('To month')).toHaveValue('2026-01');
  });

  it('puts a chosen filter in the URL, keeping the programme, and clears them all at once', async () => {
    const user = userEvent.setup();
    const router = renderFilters('/metrics?programmeId=p1&view=retention');
    await user.click(await screen.findByRole('combobox', { name: 'Group' }));
    await user.click(await screen.findByRole('option', { name: 'Digital Leaders — Inverness', hidden: true }));
    await waitFor(() => expect(router.state.location.search).toEqual({ programmeId: 'p1', view: 'retention', groupId: 'g1' }));
    await act(async () => {
      screen.getByLabelText('From month').focus();
    });
    await user.type(screen.getByLabelText('From month'), '2026-03');
    await waitFor(() => expect(router.state.location.search).toMatchObject({ groupId: 'g1', from: '2026-03' }));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toEqual({ programmeId: 'p1', view: 'retention' }));
  });

  it('asks the API for exactly the filters the URL holds', () => {
    const search = validateMetricsSearch({ groupId: 'g1', localAuthority: 's12000017', employeeBand: '5-9', to: '2026-13' });
    expect(metricsQuery('p1', search)).toEqual({
      programmeId: 'p1',
      groupId: 'g1',
      localAuthority: 'S12000017',
      employeeBand: '5-9',
    });
  });
});

describe('the figures as shown', () => {
  it('shows rates as percentages and nothing to divide by as a dash', () => {
    expect(formatRate(0.333)).toBe('33.3%');
    expect(formatRate(0.5)).toBe('50%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
    expect(formatNumber(1.667)).toBe('1.67');
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(null)).toBe('—');
    expect(formatMonth('2026-04')).toBe('Apr 2026');
  });

  it('explains a dash: no sessions held', () => {
    renderWithProviders(
      <>
        <FigureText value={null} text="—" />
        <FigureText value={0.25} text="25%" />
      </>,
    );
    expect(screen.getByTitle('No sessions held: nothing to divide by')).toHaveTextContent('—');
    expect(screen.getByText('25%')).toBeInTheDocument();
  });
});
