import { type ProgrammeDto } from '@roundtable/api-client';
import { TableColumn } from '../../components/DataTable';
import { useT } from '../../i18n';
import { AnchorLink } from './AnchorLink';

/** The columns every list of programmes starts with: the name (opening the programme), region, funder and zone. */
export function useProgrammeColumns({ timezoneHidden = false } = {}): TableColumn<ProgrammeDto>[] {
  const t = useT();
  return [
    {
      key: 'name',
      title: t('manager.programme.name'),
      value: (p) => p.name,
      render: (p) => (
        <AnchorLink to="/programmes/$programmeId" params={{ programmeId: p.id }} fw={500}>
          {p.name}
        </AnchorLink>
      ),
    },
    { key: 'region', title: t('manager.programme.region'), value: (p) => p.region },
    { key: 'funder', title: t('manager.programme.funder'), value: (p) => p.funder, filterable: true },
    { key: 'timezone', title: t('manager.programme.timezone'), value: (p) => p.timezone, hiddenByDefault: timezoneHidden },
  ];
}
