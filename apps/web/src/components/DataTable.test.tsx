import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { compareCells, DataTable, TableColumn, toCsv } from './DataTable';

interface Firm {
  id: string;
  name: string;
  sic: string;
  authority: string;
  staff: number;
}

const firms: Firm[] = [
  { id: '1', name: 'Caledonian Crust Bakery Ltd', sic: '10710', authority: 'Highland', staff: 20 },
  { id: '2', name: 'Moray Firth Software Ltd', sic: '62012', authority: 'Highland', staff: 12 },
  { id: '3', name: 'Dundee Precision, "Tools" & Dies', sic: '25620', authority: 'Dundee City', staff: 40 },
  { id: '4', name: 'Ness Digital Ltd', sic: '62012', authority: 'Highland', staff: 6 },
  { id: '5', name: '=HYPERLINK("http://evil")', sic: '62020', authority: 'Fife', staff: 3 },
  ...Array.from({ length: 20 }, (_, i) => ({
    id: `x${i}`,
    name: `Zeta Firm ${i + 1}`,
    sic: '47710',
    authority: 'Fife',
    staff: 100 + i,
  })),
];

const columns: TableColumn<Firm>[] = [
  { key: 'name', title: 'Name', value: (f) => f.name },
  { key: 'sic', title: 'SIC code', value: (f) => f.sic },
  { key: 'authority', title: 'Local authority', value: (f) => f.authority, filterable: true },
  { key: 'staff', title: 'Staff', value: (f) => f.staff },
  { key: 'actions', title: 'Actions', render: (f) => <button type="button">Edit {f.name}</button> },
];

/** The CSV handed to the browser's download, read back. */
let saved: { name: string; blob: Blob } | null = null;

beforeEach(() => {
  // mantine-datatable shows a column while matchMedia(its query, '' by default) matches; jsdom's stub never does.
  const stub = window.matchMedia.bind(window);
  vi.spyOn(window, 'matchMedia').mockImplementation((query: string) => ({ ...stub(query), matches: query === '' }));
  Element.prototype.scrollTo = () => undefined;
  saved = null;
  const create = vi.fn((blob: Blob) => (blob ? 'blob:csv' : ''));
  URL.createObjectURL = create;
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved = { name: this.download, blob: create.mock.calls.at(-1)?.[0] as Blob };
  });
});
afterEach(() => vi.restoreAllMocks());

const bodyRows = () => [...screen.getByRole('table').querySelectorAll('tbody tr')] as HTMLElement[];
const firstCells = () => bodyRows().map((row) => within(row).getAllByRole('cell')[0].textContent);

function renderTable() {
  return renderWithProviders(
    <DataTable label="Firms" records={firms} columns={columns} rowId={(f) => f.id} emptyText="No firms yet" pageSize={10} />,
  );
}

describe('DataTable', () => {
  it('shows one page at a time and pages through the rest', async () => {
    renderTable();
    expect(bodyRows()).toHaveLength(10);
    expect(screen.getByText('25 rows')).toBeInTheDocument();
    expect(screen.getByText('1–10 of 25')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('11–20 of 25')).toBeInTheDocument();
    expect(firstCells()[0]).toBe('Zeta Firm 6');
  });

  it('sorts by a header, ascending then descending, numbers by value', async () => {
    renderTable();
    await userEvent.click(screen.getByRole('button', { name: /Staff/ }));
    expect(firstCells().slice(0, 3)).toEqual(['=HYPERLINK("http://evil")', 'Ness Digital Ltd', 'Moray Firth Software Ltd']);
    await userEvent.click(screen.getByRole('button', { name: /Staff/ }));
    expect(firstCells()[0]).toBe('Zeta Firm 20');
  });

  it('filters by free text over the shown columns and by a column value', async () => {
    renderTable();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter' }), '62012');
    expect(firstCells()).toEqual(['Moray Firth Software Ltd', 'Ness Digital Ltd']);
    expect(screen.getByText('2 of 25 rows')).toBeInTheDocument();
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Filter' }));
    await userEvent.click(screen.getByRole('combobox', { name: 'Local authority' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Dundee City', hidden: true }));
    expect(firstCells()).toEqual(['Dundee Precision, "Tools" & Dies']);
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByText('25 rows')).toBeInTheDocument();
  });

  it('exports exactly the filtered, sorted rows (every page) with the shown columns, escaped, with a BOM', async () => {
    renderTable();
    await userEvent.click(screen.getByRole('combobox', { name: 'Local authority' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Highland', hidden: true }));
    await userEvent.click(screen.getByRole('button', { name: /Name/ }));
    await userEvent.click(screen.getByRole('button', { name: /Name/ }));
    // Hide the SIC column: the CSV leaves it out too.
    await userEvent.click(screen.getByRole('button', { name: 'Columns' }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'SIC code' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV (3 rows)' }));
    expect(saved?.name).toBe('Firms.csv');
    const bytes = new Uint8Array(await saved!.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    expect(csv).toBe(
      'Name,Local authority,Staff\r\n' +
        'Ness Digital Ltd,Highland,6\r\n' +
        'Moray Firth Software Ltd,Highland,12\r\n' +
        'Caledonian Crust Bakery Ltd,Highland,20\r\n',
    );
  });

  it('exports rows across every page of a filter, not only the page on screen', async () => {
    renderTable();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter' }), 'Zeta');
    expect(bodyRows()).toHaveLength(10);
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV (20 rows)' }));
    const csv = (await saved!.blob.text()).replace(/^\uFEFF/, '');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(21);
  });

  it('says so when there is nothing at all, and when a filter matches nothing', async () => {
    const { unmount } = renderWithProviders(
      <DataTable label="Firms" records={[]} columns={columns} rowId={(f) => f.id} emptyText="No firms yet" />,
    );
    expect(screen.getByText('No firms yet')).toBeInTheDocument();
    unmount();
    renderTable();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter' }), 'nothing like this');
    expect(screen.getByText('No rows match the filter.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV (0 rows)' })).toBeDisabled();
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks per RFC 4180, and defuses formulas', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        ['two\nlines', '=1+1'],
        [null, -3],
      ],
    );
    expect(csv).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n"two\nlines",\'=1+1\r\n,-3\r\n');
  });

  it('orders numbers by value and text naturally, empty cells last', () => {
    expect(['Group 10', '', 'Group 2', null].sort(compareCells)).toEqual(['Group 2', 'Group 10', '', null]);
    expect([10, 9, 100].sort(compareCells)).toEqual([9, 10, 100]);
  });
});
