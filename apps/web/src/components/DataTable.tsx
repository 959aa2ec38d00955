import { Button, Checkbox, Group, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import { DataTable as MantineDataTable, DataTableColumn, DataTableSortStatus } from 'mantine-datatable';
import 'mantine-datatable/styles.css';
import { ReactNode, useId, useMemo, useState } from 'react';
import { useT } from '../i18n';

export type CellValue = string | number | null | undefined;

/** One column: what it shows (`value`, also what filtering, sorting and the CSV use) and how (`render`). */
export interface TableColumn<T> {
  key: string;
  title: string;
  /** The cell as text (translated, formatted): filtered, sorted and exported as shown. Without it, the column is display-only. */
  value?: (row: T) => CellValue;
  /** What to sort by when the shown text does not sort right (dates, numbers shown with words). */
  sortValue?: (row: T) => CellValue;
  /** The cell as shown; `value` when absent. */
  render?: (row: T) => ReactNode;
  /** Default true when the column has a value. */
  sortable?: boolean;
  /** A select above the table of this column's distinct values. */
  filterable?: boolean;
  /** May the person hide it (default true for columns with a value). */
  hideable?: boolean;
  hiddenByDefault?: boolean;
  textAlign?: 'left' | 'center' | 'right';
}

export interface DataTableProps<T> {
  /** The table's accessible name, also the CSV's file name. */
  label: string;
  records: T[];
  columns: TableColumn<T>[];
  rowId: (row: T) => string;
  initialSort?: { key: string; direction: 'asc' | 'desc' };
  pageSize?: number;
  /** Shown when there are no records at all (a filter that matches nothing says so itself). */
  emptyText: string;
  /** More buttons beside "Export CSV". */
  actions?: ReactNode;
  /** The CSV file name without extension; `label` when absent. */
  fileName?: string;
}

const PAGE_SIZES = [10, 25, 50, 100];

const text = (value: CellValue): string => (value === null || value === undefined ? '' : String(value));

/** Ascending order: numbers by value, text in natural order ("Group 2" before "Group 10"), empty cells last. */
export function compareCells(a: CellValue, b: CellValue): number {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/**
 * RFC 4180 CSV: fields holding a comma, a double quote, CR or LF are quoted and their quotes doubled, lines end
 * in CRLF. Starts with a UTF-8 byte order mark so Excel reads accents right. Text starting with = + - @ or a
 * tab gets a leading apostrophe, so a spreadsheet shows it rather than running it as a formula (OWASP).
 */
export function toCsv(header: string[], rows: CellValue[][]): string {
  const cell = (value: CellValue): string => {
    let s = text(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Saves text as a file through the browser's download. */
export function downloadFile(fileName: string, content: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const safeFileName = (name: string) =>
  name
    .replace(/[^\p{L}\p{N} _.-]+/gu, '')
    .trim()
    .replace(/\s+/g, '-') || 'table';

/**
 * A table people can work with: filter (free text over the shown columns, and a select per filterable column),
 * sort by a header (click or Enter), page through, choose the columns, and export as CSV exactly the rows the
 * filter and sort give (every page of them) with the columns shown.
 */
export function DataTable<T>({
  label,
  records,
  columns,
  rowId,
  initialSort,
  pageSize: initialPageSize = 10,
  emptyText,
  actions,
  fileName,
}: DataTableProps<T>) {
  const t = useT();
  const id = useId();
  const [search, setSearch] = useState('');
  const [columnFilters, setColumnFilters] = useState<Record<string, string | null>>({});
  const [hidden, setHidden] = useState<string[]>(() => columns.filter((c) => c.hiddenByDefault).map((c) => c.key));
  const [sort, setSort] = useState<DataTableSortStatus<T> | undefined>(
    initialSort && { columnAccessor: initialSort.key, direction: initialSort.direction },
  );
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);

  const shown = columns.filter((c) => !hidden.includes(c.key));
  const withValues = shown.filter((c): c is TableColumn<T> & { value: NonNullable<TableColumn<T>['value']> } => !!c.value);
  const filterable = columns.filter((c) => c.filterable && c.value);
  const hideable = columns.filter((c) => c.hideable ?? !!c.value);

  const options = useMemo(() => {
    const out: Record<string, string[]> = {};
    for (const column of columns) {
      if (!column.filterable || !column.value) continue;
      const values = new Set(records.map((r) => text(column.value?.(r))).filter((v) => v !== ''));
      out[column.key] = [...values].sort((a, b) => compareCells(a, b));
    }
    return out;
  }, [columns, records]);

  const rows = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    let out = records.filter((row) => {
      for (const [key, wanted] of Object.entries(columnFilters)) {
        const column = columns.find((c) => c.key === key);
        if (wanted && column?.value && text(column.value(row)) !== wanted) return false;
      }
      return !needle || withValues.some((c) => text(c.value(row)).toLocaleLowerCase().includes(needle));
    });
    const column = sort && columns.find((c) => c.key === sort.columnAccessor);
    const by = column && (column.sortValue ?? column.value);
    if (sort && by) {
      const sign = sort.direction === 'asc' ? 1 : -1;
      out = out
        .map((row, index) => ({ row, index, key: by(row) }))
        .sort((a, b) => {
          const order = compareCells(a.key, b.key);
          // Empty cells stay last whichever the direction; ties keep their order.
          const empty = (v: CellValue) => v === null || v === undefined || v === '';
          if (empty(a.key) !== empty(b.key)) return order;
          return order * sign || a.index - b.index;
        })
        .map((x) => x.row);
    }
    return out;
    // withValues derives from columns and hidden
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [records, columns, hidden, search, columnFilters, sort]);

  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(page, pages);
  const pageRows = rows.slice((current - 1) * pageSize, current * pageSize);
  const filtering = search.trim() !== '' || Object.values(columnFilters).some(Boolean);

  const exportCsv = () => {
    const csv = toCsv(
      withValues.map((c) => c.title),
      rows.map((row) => withValues.map((c) => c.value(row))),
    );
    downloadFile(`${safeFileName(fileName ?? label)}.csv`, csv);
  };

  const tableColumns: DataTableColumn<T>[] = shown.map((c) => ({
    accessor: c.key,
    title: c.title,
    sortable: c.sortable ?? !!c.value,
    textAlign: c.textAlign,
    render: (row: T) => (c.render ? c.render(row) : text(c.value?.(row))),
  }));

  if (records.length === 0) {
    return (
      <Stack align="center" gap="sm" py="xl">
        <Text c="dimmed" ta="center">
          {emptyText}
        </Text>
        {actions && <Group gap="xs">{actions}</Group>}
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('table.filter')}
          placeholder={t('table.filterPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          type="search"
          style={{ flex: '1 1 14rem' }}
        />
        {filterable.map((c) => (
          <Select
            key={c.key}
            label={c.title}
            data={[{ value: '', label: t('table.allValues') }, ...(options[c.key] ?? []).map((v) => ({ value: v, label: v }))]}
            value={columnFilters[c.key] ?? ''}
            onChange={(value) => {
              setColumnFilters((f) => ({ ...f, [c.key]: value || null }));
              setPage(1);
            }}
            allowDeselect={false}
            searchable
            style={{ flex: '1 1 10rem', maxWidth: '16rem' }}
          />
        ))}
      </Group>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm" c="dimmed" aria-live="polite" id={`${id}-count`}>
          {filtering
            ? t('table.rowCountFiltered', { shown: rows.length, total: records.length })
            : t('table.rowCount', { shown: rows.length })}
        </Text>
        <Group gap="xs" wrap="wrap">
          {filtering && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                setSearch('');
                setColumnFilters({});
                setPage(1);
              }}
            >
              {t('table.clearFilters')}
            </Button>
          )}
          {hideable.length > 1 && (
            <Popover position="bottom-end" withinPortal={false} shadow="md">
              <Popover.Target>
                <Button variant="default" size="xs">
                  {t('table.columns')}
                </Button>
              </Popover.Target>
              <Popover.Dropdown>
                <Checkbox.Group
                  label={t('table.columnsShown')}
                  value={hideable.filter((c) => !hidden.includes(c.key)).map((c) => c.key)}
                  onChange={(keys) => setHidden(hideable.filter((c) => !keys.includes(c.key)).map((c) => c.key))}
                >
                  <Stack gap={6} mt="xs">
                    {hideable.map((c) => (
                      <Checkbox key={c.key} value={c.key} label={c.title} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              </Popover.Dropdown>
            </Popover>
          )}
          <Button variant="default" size="xs" onClick={exportCsv} disabled={rows.length === 0}>
            {t('table.exportCsvCount', { count: rows.length })}
          </Button>
          {actions}
        </Group>
      </Group>
      <MantineDataTable<T>
        aria-label={label}
        withTableBorder
        borderRadius="md"
        highlightOnHover
        minHeight={rows.length ? undefined : 160}
        records={pageRows}
        columns={tableColumns}
        idAccessor={(row) => rowId(row)}
        sortStatus={sort as DataTableSortStatus<T>}
        onSortStatusChange={(status) => {
          setSort(status);
          setPage(1);
        }}
        noRecordsText={t('table.noMatch')}
        totalRecords={rows.length}
        recordsPerPage={pageSize}
        page={current}
        onPageChange={setPage}
        recordsPerPageOptions={PAGE_SIZES}
        onRecordsPerPageChange={(size) => {
          setPageSize(size);
          setPage(1);
        }}
        recordsPerPageLabel={t('table.perPage')}
        paginationText={({ from, to, totalRecords }) => t('table.pagination', { from, to, total: totalRecords })}
        getPaginationControlProps={(control) =>
          control === 'previous'
            ? { 'aria-label': t('action.previous') }
            : control === 'next'
              ? { 'aria-label': t('action.next') }
              : {}
        }
        noRecordsIcon={<span />}
      />
    </Stack>
  );
}
