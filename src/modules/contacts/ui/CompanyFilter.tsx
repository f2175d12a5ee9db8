import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';

interface CompanyRef {
  id: string;
  name: string;
}

/** Contact list filter "works at company": a company search that also shows a company chosen by a saved view or URL. */
export function CompanyFilter({ value, onChange }: { value: string | null; onChange(id: string | null): void }) {
  const { t } = useTranslation('contacts');
  const company = useQuery({
    queryKey: ['companies', value],
    queryFn: () => get<CompanyRef>(`/companies/${value}`),
    enabled: !!value,
  });
  const initial = company.data ? { id: company.data.id, name: company.data.name } : null;
  return (
    <RecordPicker<CompanyRef>
      key={`${value}:${initial ? 1 : 0}`}
      path="/companies"
      initial={initial}
      placeholder={t('filters.company')}
      aria-label={t('filters.company')}
      describe={(c) => c.name}
      w={200}
      onPick={(c) => onChange(c?.id ?? null)}
    />
  );
}
