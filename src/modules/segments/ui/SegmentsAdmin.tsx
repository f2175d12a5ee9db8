import { Button, Card, Collapse, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { useFormat } from '../../../web/components/format.js';
import { segmentMetrics, type JobStatus, type SegmentSettings } from '../segments.schema.js';
import { segmentKeys, useSegmentSettings } from './segmentsApi.js';

/** When the classes were computed, the next run, and for admins "recalculate now" and the settings. */
export function JobPanel({ job }: { job: JobStatus }) {
  const { t } = useTranslation('segments');
  const { can } = useAuth();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const admin = can('settings', 'update');
  const recalc = useMutation({
    mutationFn: () => post<JobStatus>('/segments/recalculate', {}),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('job.done') });
      void qc.invalidateQueries({ queryKey: segmentKeys.all });
    },
    onError: (err) => notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'segments') }),
  });

  return (
    <Card withBorder data-testid="segments-job">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>{t('job.title')}</Text>
          {job.finishedAt ? (
            <Text size="sm">
              {t('job.lastRun', { at: fmt.dateTime(job.finishedAt), status: t(`job.status.${job.status ?? 'ok'}`), asOf: fmt.calendarDate(job.asOf) })} ·{' '}
              {t('job.counts', { companies: job.companies, products: job.products })}
            </Text>
          ) : (
            <Text size="sm">{t('job.never')}</Text>
          )}
          {job.running && <Text size="sm">{t('job.running')}</Text>}
          {job.nextRunAt && (
            <Text size="sm" c="dimmed">
              {t('job.next', { at: fmt.dateTime(job.nextRunAt) })}
            </Text>
          )}
          {job.error && (
            <Text size="sm" c="red">
              {job.error}
            </Text>
          )}
          {job.unconverted.length > 0 && (
            <Text size="sm" c="orange">
              {t('job.unconverted', { list: job.unconverted.join(', ') })}
            </Text>
          )}
        </Stack>
        {admin && (
          <Group>
            <Button variant="default" onClick={() => setOpen((o) => !o)}>
              {t('settings.title')}
            </Button>
            <Button loading={recalc.isPending} onClick={() => recalc.mutate()} data-testid="segments-recalc">
              {t('job.recalc')}
            </Button>
          </Group>
        )}
      </Group>
      {admin && (
        <Collapse in={open}>
          <SettingsForm />
        </Collapse>
      )}
    </Card>
  );
}

const numberFields = ['abcA', 'abcB', 'abcMonths', 'xyzX', 'xyzY', 'xyzMonths', 'rfmMonths', 'bcgMonths', 'bcgShare', 'bcgGrowth', 'churnFactor', 'refreshHours'] as const;

function SettingsForm() {
  const { t } = useTranslation('segments');
  const qc = useQueryClient();
  const settings = useSegmentSettings();
  const [draft, setDraft] = useState<SegmentSettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (s: SegmentSettings) => patch<SegmentSettings>('/segments/settings', s),
    onSuccess: (s) => {
      qc.setQueryData(segmentKeys.settings, s);
      notifications.show({ color: 'green', message: t('settings.saved') });
    },
  });
  if (!draft) return null;
  const errors = featureFieldErrors(t, save.error, 'segments');
  const set = (k: keyof SegmentSettings, v: unknown) => setDraft({ ...draft, [k]: v });

  return (
    <Stack mt="md" data-testid="segments-settings">
      <Group>
        <Select
          label={t('settings.metric')}
          allowDeselect={false}
          value={draft.metric}
          data={segmentMetrics.map((m) => ({ value: m, label: t(`settings.metrics.${m}`) }))}
          onChange={(v) => v && set('metric', v)}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('settings.rfmBuckets')}
          </Text>
          <SegmentedControl value={String(draft.rfmBuckets)} data={['3', '5']} onChange={(v) => set('rfmBuckets', Number(v))} />
        </Stack>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {numberFields.map((k) => (
          <NumberInput
            key={k}
            label={t(`settings.${k}`)}
            value={draft[k] ?? ''}
            error={errors[k]}
            decimalScale={2}
            onChange={(v) => set(k, v === '' ? (k === 'bcgGrowth' ? null : draft[k]) : Number(v))}
          />
        ))}
      </SimpleGrid>
      {save.error && !Object.keys(errors).length && <Text c="red">{featureErrorMessage(t, save.error, 'segments')}</Text>}
      <Group>
        <Button loading={save.isPending} onClick={() => save.mutate(draft)}>
          {t('settings.save')}
        </Button>
      </Group>
    </Stack>
  );
}
