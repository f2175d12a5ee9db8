import { useRef, useState } from 'react';
import { Alert, Button, Group, Modal, Paper, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { useFormat } from '../../../web/components/format.js';
import { type Activity, type ActivityCompleteResult, type ActivityType, type CallDirection, type CallResult } from '../activities.schema.js';
import { activityName, activityPaths, parsePickerValue, pickerValue, refreshActivities, typeOptions } from './activitiesApi.js';
import { OutcomeFields, PromiseBadge } from './ActivityFormModal.js';
import { hasDuration } from './activityForm.js';

/** What the dialog needs of an activity (a full Activity, or an item of the schedule). */
export type CompletableActivity = Pick<Activity, 'id' | 'type'> &
  Partial<Pick<Activity, 'version' | 'direction' | 'subject' | 'companyName'>>;

interface Props {
  activity: CompletableActivity;
  /** closes without completing: the activity stays open */
  onClose(): void;
  onCompleted?(result: ActivityCompleteResult): void;
}

type Choice = 'plan' | 'none' | null;

/**
 * Completes an activity: its result and the next step. The next step is required: either a planned
 * activity (type, date, optional exact time) or "No next step" chosen on purpose, with a reason.
 * Completing without a choice is refused; Esc or "Not now" leave the activity open.
 */
export function CompleteActivityDialog({ activity: a, onClose, onCompleted }: Props) {
  const { t } = useTranslation('activities');
  const fmt = useFormat();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState({ result: '', callResult: null as CallResult | null, durationMin: '' as number | '' });
  const [choice, setChoice] = useState<Choice>(null);
  const [next, setNext] = useState({ type: a.type === 'note' ? ('call' as ActivityType) : a.type, direction: 'out' as CallDirection, plannedDate: '', plannedTime: '', subject: '' });
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choiceRef = useRef<HTMLDivElement>(null);

  const setNextField = <K extends keyof typeof next>(k: K, value: (typeof next)[K]) => {
    setNext((old) => ({ ...old, [k]: value }));
    setErrors((old) => Object.fromEntries(Object.entries(old).filter(([f]) => f !== `nextStep.${k}`)));
  };

  const submit = async () => {
    if (!choice) {
      setErrors({ nextStep: t('complete.choose') });
      choiceRef.current?.querySelector('input')?.focus();
      return;
    }
    if (choice === 'plan' && !next.plannedDate) {
      setErrors({ 'nextStep.plannedDate': t('errors.activity.next_step_date_required') });
      return;
    }
    if (choice === 'none' && !reason.trim()) {
      setErrors({ 'nextStep.reason': t('complete.reasonRequired') });
      return;
    }
    const nextStep =
      choice === 'none'
        ? { none: true, reason: reason.trim() }
        : {
            type: next.type,
            ...(next.type === 'call' && { direction: next.direction }),
            plannedDate: next.plannedDate,
            plannedTime: next.plannedTime || null,
            subject: next.subject.trim() || null,
          };
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const result = await post<ActivityCompleteResult>(activityPaths.complete(a.id), {
        ...(a.version && { version: a.version }),
        result: outcome.result.trim() || null,
        ...(a.type === 'call' && { callResult: outcome.callResult }),
        ...(hasDuration(a.type) && { durationSec: outcome.durationMin === '' ? null : Math.round(Number(outcome.durationMin) * 60) }),
        nextStep,
      });
      qc.setQueryData(['activities', a.id], result.activity);
      await refreshActivities(qc);
      notifications.show({
        color: 'green',
        message: result.next?.plannedDate ? `${t('complete.done')}. ${t('complete.nextPlanned', { date: fmt.calendarDate(result.next.plannedDate) })}` : t('complete.done'),
      });
      onCompleted?.(result);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'activity.version_conflict') await refreshActivities(qc);
      setErrors(featureFieldErrors(t, err, 'activities'));
      setFormError(featureErrorMessage(t, err, 'activities'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('complete.title', { name: activityName(t, { type: a.type, direction: a.direction ?? null, subject: a.subject ?? null, companyName: a.companyName ?? null }) })} size="lg" closeOnClickOutside={false}>
      <form
        noValidate
        data-testid="complete-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {formError && (
            <Alert color="red" data-testid="complete-error">
              {formError}
            </Alert>
          )}
          <OutcomeFields values={{ ...outcome, type: a.type }} errors={errors} set={(k, value) => setOutcome((o) => ({ ...o, [k]: value }))} />
          <div ref={choiceRef}>
            <Radio.Group
              label={t('complete.nextStep')}
              required
              value={choice}
              error={errors.nextStep}
              onChange={(x) => {
                setChoice(x as Choice);
                setErrors({});
              }}
              data-testid="next-step-choice"
            >
              <Group mt={6}>
                <Radio value="plan" label={t('complete.plan')} data-testid="next-step-plan" />
                <Radio value="none" label={t('complete.none')} data-testid="next-step-none" />
              </Group>
            </Radio.Group>
          </div>
          {choice === 'plan' && (
            <Paper withBorder p="sm">
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label={t('complete.nextType')}
                    allowDeselect={false}
                    value={pickerValue(next.type, next.direction)}
                    data={typeOptions(t, false)}
                    onChange={(x) => {
                      if (!x) return;
                      const picked = parsePickerValue(x);
                      setNextField('type', picked.type);
                      if (picked.direction) setNextField('direction', picked.direction);
                    }}
                    error={errors['nextStep.type']}
                    data-testid="next-step-type"
                  />
                  <TextInput label={t('complete.nextSubject')} value={next.subject} error={errors['nextStep.subject']} onChange={(e) => setNextField('subject', e.currentTarget.value)} data-testid="next-step-subject" />
                </SimpleGrid>
                <Group align="flex-end" gap="sm">
                  <TextInput
                    label={t('complete.nextDate')}
                    type="date"
                    required
                    w={170}
                    data-autofocus
                    value={next.plannedDate}
                    error={errors['nextStep.plannedDate']}
                    onChange={(e) => setNextField('plannedDate', e.currentTarget.value)}
                    data-testid="next-step-date"
                  />
                  <TextInput
                    label={t('complete.nextTime')}
                    type="time"
                    w={170}
                    value={next.plannedTime}
                    error={errors['nextStep.plannedTime']}
                    onChange={(e) => setNextField('plannedTime', e.currentTarget.value)}
                    data-testid="next-step-time"
                  />
                  <Group pb={6}>
                    <PromiseBadge time={next.plannedTime || null} />
                  </Group>
                </Group>
              </Stack>
            </Paper>
          )}
          {choice === 'none' && (
            <Textarea
              label={t('complete.reason')}
              placeholder={t('complete.reasonPlaceholder')}
              autosize
              minRows={2}
              required
              data-autofocus
              value={reason}
              error={errors['nextStep.reason']}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="next-step-reason"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="complete-cancel">
              {t('complete.cancel')}
            </Button>
            <Button type="submit" color="green" loading={busy} data-testid="complete-submit">
              {t('complete.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
