import { useState } from 'react';
import { Badge, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { FormError } from '../../../web/components/FormAlerts.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';
import { callResults, claimStatuses, type Activity, type ActivityType, type CallResult, type ClaimStatus } from '../activities.schema.js';
import { activityPaths, parsePickerValue, pickerValue, refreshActivities, typeOptions } from './activitiesApi.js';
import { createRequest, emptyActivity, formProblems, hasDuration, isDone, updateRequest, valuesOf, type ActivityPrefill, type ActivityValues, type ContactRef, type DealRef, type Named } from './activityForm.js';
import { nowIn } from './dates.js';

interface Props {
  onClose(): void;
  /** edit this activity; without it the form plans (or logs) a new one */
  activity?: Activity;
  prefill?: ActivityPrefill;
  onSaved?(a: Activity): void;
}

/** A promise (an exact time) or "some time that day", visibly different. */
export function PromiseBadge({ time }: { time: string | null }) {
  const { t } = useTranslation('activities');
  return time ? (
    <Badge color="orange" variant="filled" tt="none" data-testid="promise-badge">
      {t('promiseAt', { time })}
    </Badge>
  ) : (
    <Badge color="gray" variant="light" tt="none">
      {t('anyTime')}
    </Badge>
  );
}

/**
 * Plans, logs or edits an activity in a modal, from anywhere: a card, the calendar, a list.
 * Enter in a field saves, Esc closes.
 */
export function ActivityFormModal({ onClose, activity, prefill = {}, onSaved }: Props) {
  const { t } = useTranslation('activities');
  const { me } = useAuth();
  const qc = useQueryClient();
  const today = nowIn(me?.timeZone ?? 'UTC').date;
  const [base, setBase] = useState(activity);
  const [v, setV] = useState<ActivityValues>(() => (activity ? valuesOf(activity) : emptyActivity({ ownerId: me?.id ?? null, ...prefill }, today)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [companyKey, setCompanyKey] = useState(0);
  const company = useQuery({
    queryKey: ['companies', v.company?.id],
    queryFn: () => get<{ contacts: { id: string; fullName: string; position: string | null }[] }>(`/companies/${v.company?.id}`),
    enabled: !!v.company,
  });
  const known: ContactRef[] = [...(activity?.contacts ?? []), ...(prefill.contacts ?? [])];
  const contactOptions = new Map<string, string>(known.map((c) => [c.id, c.fullName]));
  for (const c of company.data?.contacts ?? []) contactOptions.set(c.id, c.position ? `${c.fullName} · ${c.position}` : c.fullName);

  const set = <K extends keyof ActivityValues>(k: K, value: ActivityValues[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((old) => Object.fromEntries(Object.entries(old).filter(([f]) => f !== k)));
  };
  const done = isDone(v);
  const editingDone = base?.status === 'done';
  const message = (code: string) => t(`errors.${code}`, { defaultValue: t(`ui:errors.${code}`, { defaultValue: code }) });

  const submit = async () => {
    const problems = formProblems(v);
    if (Object.keys(problems).length) {
      setErrors(Object.fromEntries(Object.entries(problems).map(([f, code]) => [f, message(code)])));
      setFormError(t('common:errors.validation_failed'));
      return;
    }
    setBusy(true);
    setFormError(null);
    setErrors({});
    try {
      const saved = base ? await patch<Activity>(activityPaths.one(base.id), updateRequest(v, base.version)) : await post<Activity>(activityPaths.list, createRequest(v));
      qc.setQueryData(['activities', saved.id], saved);
      await refreshActivities(qc);
      notifications.show({ color: 'green', message: base ? t('saved') : saved.status === 'done' ? t('logged') : t('created') });
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'activity.version_conflict' && base) {
        setBase((err.details.current as Activity | undefined) ?? (await get<Activity>(activityPaths.one(base.id))));
      }
      setErrors(featureFieldErrors(t, err, 'activities'));
      setFormError(featureErrorMessage(t, err, 'activities'));
    } finally {
      setBusy(false);
    }
  };

  const pickDeal = (d: DealRef | null) => {
    set('deal', d ? { id: d.id, title: d.title } : null);
    if (d?.companyId && d.companyId !== v.company?.id) {
      set('company', { id: d.companyId, name: d.companyName ?? '' });
      set('contactIds', []);
      setCompanyKey((k) => k + 1);
    }
  };

  const title = base ? t('form.editTitle') : done ? t('form.logTitle') : t('form.newTitle');
  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeOnClickOutside={false}>
      <form
        noValidate
        data-testid="activity-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <FormError message={formError} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('fields.type')}
              allowDeselect={false}
              data-autofocus
              value={pickerValue(v.type, v.direction)}
              data={typeOptions(t)}
              onChange={(x) => {
                if (!x) return;
                const picked = parsePickerValue(x);
                set('type', picked.type);
                if (picked.direction) set('direction', picked.direction);
              }}
              data-testid="activity-type"
            />
            <OwnerSelect value={v.ownerId} valueLabel={base?.ownerName ?? (v.ownerId === me?.id ? me?.name : undefined)} error={errors.ownerId} onChange={(id) => set('ownerId', id)} data-testid="activity-owner" />
            <RecordPicker<Named>
              key={`company-${companyKey}`}
              label={t('fields.companyId')}
              path="/companies"
              initial={v.company}
              describe={(c) => c.name}
              error={errors.companyId}
              onPick={(c) => {
                set('company', c ? { id: c.id, name: c.name } : null);
                set('contactIds', []);
              }}
              data-testid="activity-company"
            />
            <RecordPicker<DealRef>
              label={t('fields.dealId')}
              path="/deals"
              query={{ companyId: v.company?.id }}
              initial={v.deal}
              describe={(d) => d.title}
              error={errors.dealId}
              onPick={pickDeal}
              data-testid="activity-deal"
            />
          </SimpleGrid>
          <MultiSelect
            label={t('fields.contactIds')}
            placeholder={v.company || contactOptions.size ? undefined : t('form.pickCompanyFirst')}
            disabled={!v.company && !contactOptions.size}
            searchable
            value={v.contactIds}
            error={errors.contactIds}
            data={[...contactOptions].map(([value, label]) => ({ value, label }))}
            onChange={(ids) => set('contactIds', ids)}
            data-testid="activity-contacts"
          />
          {v.type === 'note' && !base ? (
            <Text size="sm" c="dimmed">
              {t('form.noteDone')}
            </Text>
          ) : (
            <Stack gap={4}>
              <Group align="flex-end" gap="sm">
                <TextInput
                  label={t('fields.plannedDate')}
                  type="date"
                  w={170}
                  required={!done}
                  value={v.plannedDate}
                  error={errors.plannedDate}
                  onChange={(e) => set('plannedDate', e.currentTarget.value)}
                  data-testid="activity-date"
                />
                <TextInput
                  label={t('fields.plannedTime')}
                  type="time"
                  w={130}
                  value={v.plannedTime}
                  error={errors.plannedTime}
                  onChange={(e) => set('plannedTime', e.currentTarget.value)}
                  data-testid="activity-time"
                />
                <Group pb={6}>
                  <PromiseBadge time={v.plannedTime || null} />
                </Group>
              </Group>
              <Text size="xs" c="dimmed">
                {v.plannedTime ? t('form.promiseHint') : t('form.timeHint')}
              </Text>
            </Stack>
          )}
          <TextInput label={t('fields.subject')} placeholder={t('form.subjectPlaceholder')} value={v.subject} error={errors.subject} onChange={(e) => set('subject', e.currentTarget.value)} data-testid="activity-subject" />
          <Textarea label={t('fields.notes')} autosize minRows={2} maxRows={8} value={v.notes} error={errors.notes} onChange={(e) => set('notes', e.currentTarget.value)} data-testid="activity-notes" />
          {!base && v.type !== 'note' && <Switch label={t('form.logDone')} checked={v.logDone} onChange={(e) => set('logDone', e.currentTarget.checked)} data-testid="activity-log-done" />}
          {(done || editingDone) && v.type !== 'note' && <OutcomeFields values={v} errors={errors} set={set} />}
          {v.type === 'claim' && (!base || base.claimStatus === 'resolved') && (
            <Select
              label={t('fields.claimStatus')}
              allowDeselect={false}
              value={v.claimStatus}
              data={claimStatuses.map((s) => ({ value: s, label: t(`claimStatuses.${s}`) }))}
              onChange={(s) => s && set('claimStatus', s as ClaimStatus)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="activity-save">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type Outcome = Pick<ActivityValues, 'result' | 'callResult' | 'durationMin'>;

interface OutcomeProps {
  values: Outcome & { type: ActivityType };
  errors: Record<string, string>;
  set<K extends keyof Outcome>(k: K, value: Outcome[K]): void;
}

/** Result, call result and duration: what a done activity records. */
export function OutcomeFields({ values: v, errors, set }: OutcomeProps) {
  const { t } = useTranslation('activities');
  return (
    <Stack gap="sm">
      <Textarea
        label={t('complete.result')}
        placeholder={t('complete.resultPlaceholder')}
        autosize
        minRows={2}
        value={v.result}
        error={errors.result}
        onChange={(e) => set('result', e.currentTarget.value)}
        data-testid="activity-result"
      />
      {hasDuration(v.type) && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {v.type === 'call' && (
            <Select
              label={t('fields.callResult')}
              clearable
              value={v.callResult}
              error={errors.callResult}
              data={callResults.map((r) => ({ value: r, label: t(`callResults.${r}`) }))}
              onChange={(r) => set('callResult', r as CallResult | null)}
              data-testid="activity-call-result"
            />
          )}
          <NumberInput
            label={t('form.durationMin')}
            min={0}
            max={600}
            allowDecimal={false}
            value={v.durationMin}
            error={errors.durationSec}
            onChange={(x) => set('durationMin', x === '' ? '' : Number(x))}
            data-testid="activity-duration"
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
