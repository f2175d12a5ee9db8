import { Badge, Group, Stack, Table, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { Section } from '../../../web/components/CardParts.js';
import { useFormat } from '../../../web/components/format.js';
import type { DealStages } from '../deals.schema.js';
import { dealPaths } from './dealsApi.js';

/** "3 d 4 h", "5 h 10 min", "12 min": the time spent in a stage. */
export function useDuration() {
  const { t } = useTranslation('deals');
  return (seconds: number) => {
    const d = Math.floor(seconds / 86_400);
    const h = Math.floor((seconds % 86_400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    if (d) return h ? `${t('duration.days', { count: d })} ${t('duration.hours', { count: h })}` : t('duration.days', { count: d });
    if (h) return m ? `${t('duration.hours', { count: h })} ${t('duration.minutes', { count: m })}` : t('duration.hours', { count: h });
    return t('duration.minutes', { count: m });
  };
}

/** Time spent in each stage (with the planned days and an overdue flag) and every stage change. */
export function DealStageHistory({ dealId, version }: { dealId: string; version: number }) {
  const { t } = useTranslation('deals');
  const fmt = useFormat();
  const duration = useDuration();
  const q = useQuery({ queryKey: ['deals', dealId, 'stages', version], queryFn: () => get<DealStages>(dealPaths.stages(dealId)) });
  const name = (id: string | null) => (id ? (q.data?.stages.find((s) => s.stageId === id)?.name ?? '') : '');
  return (
    <Section title={t('card.stages')} testId="deal-stage-history">
      {!q.data ? (
        <Text size="sm" c="dimmed">
          {q.error ? t('common:state.error') : t('common:state.loading')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.stageId')}</Table.Th>
                <Table.Th ta="right">{t('card.timeInStage')}</Table.Th>
                <Table.Th ta="right">{t('card.planned')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.stages.map((s) => (
                <Table.Tr key={s.stageId} data-testid="deal-stage-time" data-stage-name={s.name}>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm" fw={s.current ? 700 : 400}>
                        {s.name}
                      </Text>
                      {s.current && (
                        <Badge size="xs" variant="light">
                          {t('card.now')}
                        </Badge>
                      )}
                      {s.overdue && (
                        <Badge size="xs" color="red" data-testid="deal-stage-overdue">
                          {t('overdue')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" c={s.overdue ? 'red' : undefined}>
                      {duration(s.seconds)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" c="dimmed">
                      {s.plannedDays ? t('duration.days', { count: s.plannedDays }) : '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Timeline bulletSize={10} lineWidth={2}>
            {q.data.history.map((h) => (
              <Timeline.Item key={h.id} title={<Text size="sm">{h.fromStageId ? `${name(h.fromStageId)} → ${name(h.toStageId)}` : t('card.createdIn', { stage: name(h.toStageId) })}</Text>}>
                <Text size="xs" c="dimmed">
                  {[h.userName, fmt.dateTime(h.at), h.secondsInFromStage !== null ? t('card.after', { time: duration(h.secondsInFromStage) }) : null].filter(Boolean).join(' · ')}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      )}
    </Section>
  );
}
