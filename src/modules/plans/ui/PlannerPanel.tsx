import { CloseButton, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { FormError } from '../../../web/components/FormAlerts.js';
import { parseMinor } from '../../../shared/money.js';
import type { PlannerResponse } from '../plans.schema.js';
import { targetQuery, useMoney, type TargetValue } from './planUi.js';

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`);
const num = (n: number | null) => (n === null ? '—' : String(n));

/** The reverse conversion of a target's revenue plan (or a typed target) into deals, proposals, meetings and calls. */
export function PlannerPanel({ target, period, onClose }: { target: TargetValue; period: string; onClose(): void }) {
  const { t } = useTranslation('plans');
  const money = useMoney();
  const [revenueText, setRevenueText] = useState('');
  const [months, setMonths] = useState(6);
  const query = useQuery({
    queryKey: ['plans', 'planner', target, period, revenueText, months],
    queryFn: async () => {
      const probe = await get<PlannerResponse>('/plans/planner', { ...targetQuery(target), period, historyMonths: months });
      const typed = revenueText.trim() ? parseMinor(revenueText, probe.baseCurrency) : null;
      return typed ? get<PlannerResponse>('/plans/planner', { ...targetQuery(target), period, historyMonths: months, revenue: typed }) : probe;
    },
  });
  const r = query.data;
  return (
    <Paper withBorder p="sm" data-testid="planner">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>
            {t('planner.title')}: {r?.target.kind === 'company' ? t('target.companyName') : (r?.target.name ?? '')}
          </Title>
          <CloseButton onClick={onClose} aria-label="close" />
        </Group>
        <Group gap="xs" align="end">
          <TextInput size="xs" w={200} label={t('planner.revenue')} placeholder={r?.revenueSource === 'plan' ? `${money(r.revenue, r.baseCurrency)} (${t('planner.fromPlan')})` : ''} value={revenueText} onChange={(e) => setRevenueText(e.currentTarget.value)} inputMode="decimal" />
          <NumberInput size="xs" w={130} label={t('planner.history')} min={1} max={36} value={months} onChange={(v) => typeof v === 'number' && v >= 1 && v <= 36 && setMonths(v)} />
        </Group>
        <FormError message={query.error ? featureErrorMessage(t, query.error, 'plans') : null} />
        {r && (
          <>
            {r.revenue === null && <Text size="sm">{t('planner.noTarget')}</Text>}
            <Text size="xs" c="dimmed">
              {t('planner.rates', {
                deal: money(r.history.averageDeal, r.baseCurrency),
                pw: pct(r.history.proposalToWon),
                mp: pct(r.history.meetingToProposal),
                cm: pct(r.history.callToMeeting),
                from: r.history.from,
                to: r.history.to,
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('planner.days', { total: r.workingDays, left: r.remainingWorkingDays })}
            </Text>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  {(['step', 'needed', 'perDay', 'done', 'scheduled', 'gap', 'perRemainingDay'] as const).map((c) => (
                    <Table.Th key={c}>{t(`planner.${c}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.steps.map((s) => (
                  <Table.Tr key={s.key}>
                    <Table.Td>{t(`planner.steps.${s.key}`)}</Table.Td>
                    <Table.Td>{num(s.needed)}</Table.Td>
                    <Table.Td>{num(s.perWorkingDay)}</Table.Td>
                    <Table.Td>{s.done}</Table.Td>
                    <Table.Td>{s.scheduled}</Table.Td>
                    <Table.Td>{num(s.gap)}</Table.Td>
                    <Table.Td>{num(s.perRemainingDay)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Paper>
  );
}
