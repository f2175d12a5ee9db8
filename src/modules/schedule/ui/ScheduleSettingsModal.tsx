import { useState } from 'react';
import { Alert, Button, Chip, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, patch } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import type { WorkSettings } from '../../worktime/worktime.schema.js';
import type { FunnelGroup } from '../schedule.rules.js';
import type { ScheduleSettingsView } from '../schedule.schema.js';
import { GroupOrder } from './GroupOrder.js';
import { holidayCountries, schedulePaths, useScheduleDefaults, useScheduleSettings, useWorkSettings } from './scheduleApi.js';

const weekdays = [1, 2, 3, 4, 5, 6, 7];

/** Schedule settings of a user (own by default): the working calendar and capacity, and the funnel order. */
export function ScheduleSettingsModal({ userId, onClose }: { userId?: string; onClose(): void }) {
  const { t } = useTranslation('schedule');
  const work = useWorkSettings(userId);
  const settings = useScheduleSettings(userId);
  return (
    <Modal opened onClose={onClose} title={t('settings.title')} size="lg">
      {work.data && settings.data ? <SettingsForm userId={userId} work={work.data} settings={settings.data} onClose={onClose} /> : <PageLoader />}
    </Modal>
  );
}

function SettingsForm({ userId, work, settings, onClose }: { userId?: string; work: WorkSettings; settings: ScheduleSettingsView; onClose(): void }) {
  const { t } = useTranslation('schedule');
  const qc = useQueryClient();
  const [w, setW] = useState(work);
  const [order, setOrder] = useState<FunnelGroup[]>(settings.groupOrder);
  const [threshold, setThreshold] = useState<number | ''>(settings.hotThreshold);
  const defaults = useScheduleDefaults();
  const [own, setOwn] = useState(settings.own.length > 0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const { dailyCapacity, workDays, workStart, workEnd, holidayCountry } = w;
      await patch(userId ? schedulePaths.work(userId) : schedulePaths.myWork, { dailyCapacity, workDays, workStart, workEnd, holidayCountry });
      const choice = own ? { groupOrder: order, hotThreshold: threshold === '' ? null : threshold } : { groupOrder: null, hotThreshold: null };
      await api('PATCH', schedulePaths.settings, choice, { userId });
      await qc.invalidateQueries({ queryKey: ['schedule'] });
      notifications.show({ color: 'green', message: t('settings.saved') });
      onClose();
    } catch (err) {
      setErrors(featureFieldErrors(t, err, 'schedule'));
      setFormError(featureErrorMessage(t, err, 'schedule'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      data-testid="schedule-settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        {formError && <Alert color="red">{formError}</Alert>}
        <NumberInput
          label={t('settings.capacity')}
          description={t('settings.capacityHint')}
          min={1}
          max={1000}
          w={260}
          value={w.dailyCapacity}
          error={errors.dailyCapacity}
          onChange={(v) => setW({ ...w, dailyCapacity: Number(v) || 0 })}
          data-testid="settings-capacity"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('settings.workDays')}
          </Text>
          <Chip.Group multiple value={w.workDays.map(String)} onChange={(v) => setW({ ...w, workDays: v.map(Number).sort((a, b) => a - b) })}>
            <Group gap={6}>
              {weekdays.map((d) => (
                <Chip key={d} value={String(d)} size="sm">
                  {t(`weekdays.d${d}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {errors.workDays && (
            <Text size="xs" c="red">
              {errors.workDays}
            </Text>
          )}
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="time" label={t('settings.workStart')} value={w.workStart} error={errors.workStart} onChange={(e) => setW({ ...w, workStart: e.currentTarget.value })} />
          <TextInput type="time" label={t('settings.workEnd')} value={w.workEnd} error={errors.workEnd} onChange={(e) => setW({ ...w, workEnd: e.currentTarget.value })} />
          <Select
            label={t('settings.holidayCountry')}
            value={w.holidayCountry ?? ''}
            allowDeselect={false}
            data={[{ value: '', label: t('settings.defaultCountry') }, ...holidayCountries.map((c) => ({ value: c, label: t(`countries.${c}`) }))]}
            onChange={(v) => setW({ ...w, holidayCountry: v || null })}
          />
        </SimpleGrid>
        <GroupOrder
          label={`${t('settings.order')}: ${own ? t('settings.own') : t('settings.companyDefault')}`}
          order={order}
          onChange={(o) => {
            setOrder(o);
            setOwn(true);
          }}
        />
        {errors.groupOrder && (
          <Text size="xs" c="red">
            {errors.groupOrder}
          </Text>
        )}
        <Group align="flex-end">
          <NumberInput
            label={t('settings.hotThreshold')}
            min={1}
            max={100}
            w={260}
            value={threshold}
            error={errors.hotThreshold}
            onChange={(v) => {
              setThreshold(v === '' ? '' : Number(v));
              setOwn(true);
            }}
          />
          {own && defaults.data && (
            <Button
              variant="subtle"
              onClick={() => {
                setOrder(defaults.data.groupOrder);
                setThreshold(defaults.data.hotThreshold);
                setOwn(false);
              }}
              data-testid="settings-reset"
            >
              {t('settings.reset')}
            </Button>
          )}
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('settings.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="settings-save">
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
