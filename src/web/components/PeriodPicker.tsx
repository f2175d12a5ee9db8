import { Group, SegmentedControl, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { periodKindOf, periodKinds, periodOf, periodRange, shiftPeriod, type PeriodKind } from '../../shared/periods.js';

/** How many past and future periods the select offers around today's. */
const PAST = 8;
const FUTURE = 4;

const today = () => new Date().toISOString().slice(0, 10);

/** A period's name in the UI language: «November 2026», «Q4 2026», «H2 2026», «2026». */
export function usePeriodLabel(): (key: string) => string {
  const { t, i18n } = useTranslation('ui');
  return (key) => {
    const kind = periodKindOf(key);
    const year = key.slice(0, 4);
    if (kind === 'month') {
      const d = new Date(`${periodRange(key).from}T00:00:00Z`);
      return new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
    }
    if (kind === 'quarter') return t('period.quarter', { n: key.slice(-1), year });
    if (kind === 'half') return t('period.half', { n: key.slice(-1), year });
    return year;
  };
}

/** The current period of a kind. */
export const currentPeriod = (kind: PeriodKind): string => periodOf(kind, today());

interface Props {
  value: string;
  onChange: (key: string) => void;
}

/** Period type (month ... year) and the period itself, from a few periods back to a few ahead. */
export function PeriodPicker({ value, onChange }: Props) {
  const { t } = useTranslation('ui');
  const label = usePeriodLabel();
  const kind = periodKindOf(value) ?? 'month';
  const now = currentPeriod(kind);
  const keys = Array.from({ length: PAST + FUTURE + 1 }, (_, i) => shiftPeriod(now, FUTURE - i));
  if (!keys.includes(value)) keys.push(value);
  return (
    <Group gap="xs" wrap="nowrap">
      <SegmentedControl
        size="xs"
        aria-label={t('period.kind')}
        value={kind}
        onChange={(k) => onChange(currentPeriod(k as PeriodKind))}
        data={periodKinds.map((k) => ({ value: k, label: t(`period.kinds.${k}`) }))}
      />
      <Select
        size="xs"
        w={170}
        aria-label={t('period.period')}
        value={value}
        onChange={(v) => v && onChange(v)}
        allowDeselect={false}
        data={keys.map((k) => ({ value: k, label: label(k) }))}
      />
    </Group>
  );
}
