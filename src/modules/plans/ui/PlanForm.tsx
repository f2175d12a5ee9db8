import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, patch, post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { FormError } from '../../../web/components/FormAlerts.js';
import { PeriodPicker } from '../../../web/components/PeriodPicker.js';
import { formatMinor, parseMinor } from '../../../shared/money.js';
import type { Plan } from '../plans.schema.js';
import { TargetPicker, useDefaultTarget, type TargetValue } from './planUi.js';

const counts = ['deals', 'calls', 'meetings', 'proposals'] as const;
type Counts = Record<(typeof counts)[number], number | ''>;

/** Creates a plan, or edits and deletes one; revenue is typed in the base currency. */
export function PlanForm({ period: initialPeriod, planId, onClose }: { period: string; planId: string | null; onClose(): void }) {
  const { t } = useTranslation('plans');
  const qc = useQueryClient();
  const fallback = useDefaultTarget();
  const base = useQuery({ queryKey: ['base-currency'], queryFn: () => get<{ baseCurrency: string }>('/catalog/settings'), staleTime: 5 * 60_000 }).data?.baseCurrency ?? 'RUB';
  const existing = useQuery({ queryKey: ['plans', 'one', planId], queryFn: () => get<Plan>(`/plans/${planId}`), enabled: !!planId });
  const [target, setTarget] = useState<TargetValue>(fallback);
  const [period, setPeriod] = useState(initialPeriod);
  const [revenue, setRevenue] = useState('');
  const [values, setValues] = useState<Counts>({ deals: '', calls: '', meetings: '', proposals: '' });
  const [note, setNote] = useState('');
  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    setTarget({ kind: p.target.kind, id: p.target.id });
    setPeriod(p.period);
    setRevenue(p.revenue === null ? '' : formatMinor(p.revenue, base));
    setValues({ deals: p.deals ?? '', calls: p.calls ?? '', meetings: p.meetings ?? '', proposals: p.proposals ?? '' });
    setNote(p.note ?? '');
  }, [existing.data, base]);

  const revenueMinor = revenue.trim() === '' ? null : parseMinor(revenue, base);
  const measures = { revenue: revenueMinor ?? (revenue.trim() === '' ? null : -1), ...Object.fromEntries(counts.map((k) => [k, values[k] === '' ? null : values[k]])), note: note || null };
  const save = useMutation({
    mutationFn: () =>
      planId
        ? patch<Plan>(`/plans/${planId}`, { version: existing.data!.version, ...measures })
        : post<Plan>('/plans', { targetKind: target.kind, ...(target.kind === 'company' ? {} : { targetId: target.id }), period, ...measures }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['plans'] });
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: () => del(`/plans/${planId}`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['plans'] });
      onClose();
    },
  });
  const errors = featureFieldErrors(t, save.error, 'plans');
  const general = save.error && !Object.keys(errors).length ? featureErrorMessage(t, save.error, 'plans') : remove.error ? featureErrorMessage(t, remove.error, 'plans') : null;

  return (
    <Modal opened onClose={onClose} title={planId ? t('edit') : t('add')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <FormError message={general} />
          {!planId && (
            <>
              <TargetPicker value={target} onChange={setTarget} />
              {errors.targetId && <FormError message={errors.targetId} />}
              <PeriodPicker value={period} onChange={setPeriod} />
              {errors.period && <FormError message={errors.period} />}
            </>
          )}
          <TextInput label={`${t('measures.revenue')}, ${base}`} value={revenue} onChange={(e) => setRevenue(e.currentTarget.value)} error={errors.revenue} inputMode="decimal" data-testid="plan-revenue" />
          <SimpleGrid cols={4}>
            {counts.map((k) => (
              <NumberInput key={k} label={t(`measures.${k}`)} min={0} allowDecimal={false} value={values[k]} onChange={(v) => setValues({ ...values, [k]: typeof v === 'number' ? v : '' })} error={errors[k]} />
            ))}
          </SimpleGrid>
          <Textarea label={t('note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
          <Group justify="space-between">
            {planId ? (
              <ConfirmButton color="red" variant="subtle" message={t('removeConfirm')} onConfirm={() => remove.mutateAsync()}>
                {t('remove')}
              </ConfirmButton>
            ) : (
              <span />
            )}
            <Button type="submit" loading={save.isPending} data-testid="plan-save">
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
