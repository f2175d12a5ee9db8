import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { useFormat } from '../../../web/components/format.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import type { FunnelGroup } from '../schedule.rules.js';
import type { ScheduleDefaults } from '../schedule.schema.js';
import { GroupOrder } from './GroupOrder.js';
import { holidayCountries, schedulePaths, useHolidays, useScheduleDefaults } from './scheduleApi.js';

/** Admin tab: the holidays calendar per country (days off and transferred working days) and the company's funnel order. */
export function WorkCalendarPanel() {
  const { can } = useAuth();
  const defaults = useScheduleDefaults();
  return (
    <Stack gap="lg">
      <Holidays editable={can('settings', 'update')} />
      {defaults.data && <Defaults defaults={defaults.data} editable={can('settings', 'update')} />}
    </Stack>
  );
}

function Holidays({ editable }: { editable: boolean }) {
  const { t } = useTranslation('schedule');
  const fmt = useFormat();
  const qc = useQueryClient();
  const [country, setCountry] = useState<string>(holidayCountries[0]);
  const [year, setYear] = useState(new Date().getFullYear());
  const [form, setForm] = useState({ date: '', name: '', isWorkday: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const holidays = useHolidays(country, year);

  const add = async () => {
    setErrors({});
    try {
      await post(schedulePaths.holidays, { country, ...form });
      setForm({ date: '', name: '', isWorkday: false });
      notifications.show({ color: 'green', message: t('holidays.added') });
      await qc.invalidateQueries({ queryKey: ['schedule'] });
    } catch (err) {
      const fields = featureFieldErrors(t, err, 'schedule');
      setErrors(Object.keys(fields).length ? fields : { form: featureErrorMessage(t, err, 'schedule') });
    }
  };
  const remove = async (id: string) => {
    try {
      await del(schedulePaths.holiday(id));
      notifications.show({ color: 'green', message: t('holidays.deleted') });
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'schedule') });
    }
    await qc.invalidateQueries({ queryKey: ['schedule'] });
  };

  return (
    <Stack gap="sm" data-testid="holidays">
      <Title order={4}>{t('holidays.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('holidays.hint')}
      </Text>
      <Group gap="xs" align="flex-end">
        <Select label={t('holidays.country')} w={180} allowDeselect={false} value={country} data={holidayCountries.map((c) => ({ value: c, label: t(`countries.${c}`) }))} onChange={(v) => v && setCountry(v)} />
        <NumberInput label={t('holidays.year')} w={120} min={2000} max={2100} value={year} onChange={(v) => setYear(Number(v) || year)} />
      </Group>
      {editable && (
        <Paper withBorder p="sm">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <Group gap="xs" align="flex-end">
              <TextInput type="date" label={t('holidays.date')} required w={170} value={form.date} error={errors.date} onChange={(e) => setForm({ ...form, date: e.currentTarget.value })} data-testid="holiday-date" />
              <TextInput label={t('holidays.name')} required w={260} value={form.name} error={errors.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} data-testid="holiday-name" />
              <Checkbox mb={8} label={t('holidays.workday')} checked={form.isWorkday} onChange={(e) => setForm({ ...form, isWorkday: e.currentTarget.checked })} />
              <Button type="submit" data-testid="holiday-add">
                {t('holidays.add')}
              </Button>
            </Group>
            {errors.form && (
              <Alert color="red" mt="xs">
                {errors.form}
              </Alert>
            )}
          </form>
        </Paper>
      )}
      {holidays.error ? (
        <Alert color="red">{featureErrorMessage(t, holidays.error, 'schedule')}</Alert>
      ) : !holidays.data ? (
        <PageLoader />
      ) : !holidays.data.length ? (
        <EmptyState title={t('holidays.empty')} />
      ) : (
        <Table verticalSpacing={4} maw={720} data-testid="holidays-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('holidays.date')}</Table.Th>
              <Table.Th>{t('holidays.name')}</Table.Th>
              <Table.Th>{t('holidays.kind')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {holidays.data.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{fmt.calendarDate(h.date)}</Table.Td>
                <Table.Td>{h.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={h.isWorkday ? 'blue' : 'green'}>
                    {h.isWorkday ? t('holidays.workday') : t('holidays.dayOff')}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {editable && (
                    <ConfirmButton size="compact-xs" variant="subtle" color="red" message={t('holidays.deleteConfirm', { name: h.name })} onConfirm={() => remove(h.id)}>
                      {t('holidays.delete')}
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Defaults({ defaults, editable }: { defaults: ScheduleDefaults; editable: boolean }) {
  const { t } = useTranslation('schedule');
  const qc = useQueryClient();
  const [order, setOrder] = useState<FunnelGroup[]>(defaults.groupOrder);
  const [threshold, setThreshold] = useState<number | ''>(defaults.hotThreshold);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setError(null);
    try {
      await patch(schedulePaths.defaults, { groupOrder: order, ...(threshold !== '' && { hotThreshold: threshold }) });
      notifications.show({ color: 'green', message: t('holidays.defaultsSaved') });
      await qc.invalidateQueries({ queryKey: ['schedule'] });
    } catch (err) {
      setError(featureErrorMessage(t, err, 'schedule'));
    }
  };

  return (
    <Stack gap="sm" maw={520} data-testid="schedule-defaults">
      <Title order={4}>{t('holidays.defaultsTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('holidays.defaultsHint')}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      <SimpleGrid cols={1}>
        <GroupOrder label={t('settings.order')} order={order} onChange={setOrder} />
        <NumberInput label={t('settings.hotThreshold')} min={1} max={100} w={260} value={threshold} onChange={(v) => setThreshold(v === '' ? '' : Number(v))} />
      </SimpleGrid>
      {editable && (
        <Group>
          <Button onClick={() => void save()} data-testid="defaults-save">
            {t('settings.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
