import { useState } from 'react';
import { Button, Group, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, get, patch, post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { FormError, VersionConflictAlert, type ConflictChange } from '../../../web/components/FormAlerts.js';
import { remapRowErrors } from '../../../web/components/formRows.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';
import type { Pipeline } from '../../pipelines/pipelines.schema.js';
import { dealTypes, type DealDetail, type DealType } from '../deals.schema.js';
import { conflictChanges } from './dealConflict.js';
import { defaultVatFor, lineErrors, linesRequest, toMinor, totalsOf, valuesOf, type DealValues, type LineRow } from './dealForm.js';
import { moveDeal, useLostReasons, useMoney } from './dealsApi.js';
import { LinesEditor } from './LinesEditor.js';

const currencies = ['RUB', 'EUR', 'BGN', 'USD', 'CNY'];

interface Props {
  initial?: DealDetail;
  start: DealValues;
  pipelines: Pipeline[];
}

/** Create or edit a deal: company and contacts, pipeline and stage, owner, source, product lines and the amount. */
export function DealForm({ initial, start, pipelines }: Props) {
  const { t } = useTranslation('deals');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const money = useMoney();
  const reasons = useLostReasons();
  const [base, setBase] = useState(initial);
  const [v, setV] = useState<DealValues>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ changes: ConflictChange[]; latest: DealDetail } | null>(null);
  const [busy, setBusy] = useState(false);
  const company = useQuery({
    queryKey: ['companies', v.company?.id],
    queryFn: () => get<{ contacts: { id: string; fullName: string; position: string | null }[] }>(`/companies/${v.company?.id}`),
    enabled: !!v.company,
  });

  const pipeline = pipelines.find((p) => p.id === v.pipelineId);
  const stage = pipeline?.stages.find((s) => s.id === v.stageId);
  const totals = totalsOf(v.lines, v.currency);
  const set = <K extends keyof DealValues>(k: K, value: DealValues[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((old) => Object.fromEntries(Object.entries(old).filter(([f]) => f !== k && !f.startsWith(`${k}.`))));
  };
  const setLines = (update: (lines: LineRow[]) => LineRow[]) => {
    setV((old) => ({ ...old, lines: update(old.lines) }));
    setErrors((old) => Object.fromEntries(Object.entries(old).filter(([f]) => !f.startsWith('lines.'))));
  };

  const validate = () => {
    const required = t('ui:errors.validation.required');
    const found: Record<string, string> = {
      ...(!v.title.trim() && { title: required }),
      ...(!v.company && { companyId: required }),
      ...(!v.stageId && { stageId: required }),
      ...(stage?.kind === 'lost' && !v.lostReasonId && (!base || base.stageId !== v.stageId) && { lostReasonId: t('lost.reasonRequired') }),
      ...(v.amountMode === 'manual' && toMinor(v.amount === '' ? 0 : v.amount, v.currency) === null && { amount: t('errors.amount_invalid') }),
      ...lineErrors(v.lines, v.currency, (code) => t(`errors.${code}`, { defaultValue: t(`ui:errors.${code}`, { defaultValue: code }) })),
    };
    return found;
  };

  const submit = async () => {
    const invalid = validate();
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      setFormError(t('common:errors.validation_failed'));
      return;
    }
    const lines = linesRequest(v.lines, v.currency);
    const lost = stage?.kind === 'lost' && v.lostReasonId ? { lostReasonId: v.lostReasonId, lostComment: v.lostComment.trim() || null } : undefined;
    const body = {
      title: v.title.trim(),
      companyId: v.company!.id,
      contactIds: v.contactIds,
      ...(v.ownerId && { ownerId: v.ownerId }),
      type: v.type,
      sourceChannel: v.sourceChannel.trim() || null,
      sourceCampaign: v.sourceCampaign.trim() || null,
      currency: v.currency,
      amountMode: v.amountMode,
      ...(v.amountMode === 'manual' && { amount: toMinor(v.amount === '' ? 0 : v.amount, v.currency) ?? 0 }),
      expectedCloseDate: v.expectedCloseDate || null,
      probability: v.probability,
      lines: lines.body,
    };
    setBusy(true);
    setFormError(null);
    setErrors({});
    try {
      let saved: DealDetail;
      if (!base) {
        saved = await post<DealDetail>('/deals', { ...body, pipelineId: v.pipelineId, stageId: v.stageId, ...lost });
      } else {
        const keepLost = base.status === 'lost' && base.stageId === v.stageId && lost;
        saved = await patch<DealDetail>(`/deals/${base.id}`, { ...body, version: base.version, ...(keepLost && lost) });
        setBase(saved);
        if (v.stageId && v.stageId !== base.stageId) saved = await moveDeal(saved, v.stageId, lost);
      }
      qc.setQueryData(['deals', saved.id], saved);
      await qc.invalidateQueries({ queryKey: ['deals'], refetchType: 'none' });
      await qc.invalidateQueries({ queryKey: ['companies', saved.companyId] });
      notifications.show({ color: 'green', message: base ? t('saved') : t('created') });
      navigate(`/deals/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'deal.version_conflict' && base) {
        const latest = (err.details.current as DealDetail | undefined) ?? (await get<DealDetail>(`/deals/${base.id}`));
        setConflict({ latest, changes: conflictChanges(t, base, latest, err.details.changedFields, money, pipelines) });
      } else {
        setErrors(remapRowErrors(featureFieldErrors(t, err, 'deals'), 'lines', lines.original));
        setFormError(featureErrorMessage(t, err, 'deals'));
      }
    } finally {
      setBusy(false);
    }
  };

  const resolveConflict = (reload: boolean) => {
    if (!conflict) return;
    if (reload) setV(valuesOf(conflict.latest));
    setBase(conflict.latest);
    setConflict(null);
  };

  const pickPipeline = (id: string) => {
    const p = pipelines.find((x) => x.id === id);
    setV((old) => ({ ...old, pipelineId: id, stageId: p?.stages.find((s) => s.kind === 'open')?.id ?? null }));
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack maw={1200}>
        <Title order={2}>{base ? t('editTitle') : t('new')}</Title>
        {conflict && <VersionConflictAlert changes={conflict.changes} onReload={() => resolveConflict(true)} onOverwrite={() => resolveConflict(false)} />}
        <FormError message={conflict ? null : formError} />
        <Paper withBorder p="md">
          <Stack>
            <TextInput label={t('fields.title')} required autoFocus value={v.title} error={errors.title} onChange={(e) => set('title', e.currentTarget.value)} data-testid="deal-title" />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <RecordPicker<{ id: string; name: string }>
                label={t('fields.companyId')}
                required
                path="/companies"
                initial={v.company}
                describe={(c) => c.name}
                error={errors.companyId}
                onPick={(c) => {
                  set('company', c ? { id: c.id, name: c.name } : null);
                  set('contactIds', []);
                }}
                data-testid="deal-company"
              />
              <MultiSelect
                label={t('fields.contactIds')}
                placeholder={v.company ? undefined : t('form.pickCompanyFirst')}
                disabled={!v.company}
                value={v.contactIds}
                error={errors.contactIds}
                data={(company.data?.contacts ?? []).map((c) => ({ value: c.id, label: c.position ? `${c.fullName} · ${c.position}` : c.fullName }))}
                onChange={(ids) => set('contactIds', ids)}
                data-testid="deal-contacts"
              />
              <OwnerSelect value={v.ownerId} valueLabel={initial?.ownerName} error={errors.ownerId} onChange={(id) => set('ownerId', id)} data-testid="deal-owner" />
              <Select
                label={t('fields.type')}
                allowDeselect={false}
                value={v.type}
                data={dealTypes.map((x) => ({ value: x, label: t(`types.${x}`) }))}
                onChange={(x) => x && set('type', x as DealType)}
                data-testid="deal-type"
              />
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('form.stage')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <Select
                label={t('fields.pipelineId')}
                allowDeselect={false}
                value={v.pipelineId}
                error={errors.pipelineId}
                data={pipelines.filter((p) => p.isActive || p.id === v.pipelineId).map((p) => ({ value: p.id, label: p.name }))}
                onChange={(id) => id && pickPipeline(id)}
                data-testid="deal-pipeline"
              />
              <Select
                label={t('fields.stageId')}
                allowDeselect={false}
                value={v.stageId}
                error={errors.stageId}
                data={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
                onChange={(id) => id && set('stageId', id)}
                data-testid="deal-stage"
              />
              <NumberInput
                label={t('fields.probability')}
                description={v.probability === null ? t('form.probabilityFromStage') : undefined}
                min={0}
                max={100}
                allowDecimal={false}
                suffix=" %"
                value={v.probability ?? stage?.probability ?? ''}
                error={errors.probability}
                onChange={(x) => set('probability', x === '' ? null : Number(x))}
                rightSectionWidth={v.probability === null ? undefined : 70}
                rightSection={
                  v.probability !== null && (
                    <Button size="compact-xs" variant="subtle" onClick={() => set('probability', null)}>
                      {t('form.fromStage')}
                    </Button>
                  )
                }
                data-testid="deal-probability"
              />
              <TextInput
                label={t('fields.expectedCloseDate')}
                type="date"
                value={v.expectedCloseDate}
                error={errors.expectedCloseDate}
                onChange={(e) => set('expectedCloseDate', e.currentTarget.value)}
                data-testid="deal-expected-close"
              />
            </SimpleGrid>
            {stage?.kind === 'lost' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('lost.reason')}
                  required
                  value={v.lostReasonId}
                  error={errors.lostReasonId}
                  data={(reasons.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
                  onChange={(id) => set('lostReasonId', id)}
                  data-testid="deal-lost-reason"
                />
                <Textarea label={t('lost.comment')} autosize minRows={1} value={v.lostComment} error={errors.lostComment} onChange={(e) => set('lostComment', e.currentTarget.value)} />
              </SimpleGrid>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('fields.sourceChannel')} placeholder={t('form.sourceChannelHint')} value={v.sourceChannel} error={errors.sourceChannel} onChange={(e) => set('sourceChannel', e.currentTarget.value)} data-testid="deal-source-channel" />
              <TextInput label={t('fields.sourceCampaign')} value={v.sourceCampaign} error={errors.sourceCampaign} onChange={(e) => set('sourceCampaign', e.currentTarget.value)} data-testid="deal-source-campaign" />
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack>
            <Group justify="space-between">
              <Title order={4}>{t('lines.title')}</Title>
              <Select
                w={110}
                aria-label={t('fields.currency')}
                allowDeselect={false}
                value={v.currency}
                error={errors.currency}
                data={[...new Set([...currencies, v.currency])]}
                onChange={(c) => c && set('currency', c)}
                data-testid="deal-currency"
              />
            </Group>
            <LinesEditor lines={v.lines} currency={v.currency} defaultVat={defaultVatFor(v.currency)} errors={errors} onChange={setLines} />
            <Group align="flex-end" gap="lg">
              <Switch
                label={t('form.amountFromLines')}
                checked={v.amountMode === 'auto'}
                onChange={(e) => set('amountMode', e.currentTarget.checked ? 'auto' : 'manual')}
                data-testid="deal-amount-auto"
                mb={8}
              />
              {v.amountMode === 'manual' ? (
                <NumberInput
                  w={200}
                  label={t('fields.amount')}
                  min={0}
                  decimalScale={2}
                  thousandSeparator=" "
                  value={v.amount}
                  error={errors.amount}
                  onChange={(x) => set('amount', x)}
                  data-testid="deal-amount"
                />
              ) : (
                <Stack gap={0}>
                  <Text size="sm" c="dimmed">
                    {t('fields.amount')}
                  </Text>
                  <Text fw={700} size="lg" data-testid="deal-amount-computed">
                    {money(totals.gross, v.currency)}
                  </Text>
                </Stack>
              )}
            </Group>
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={busy} data-testid="deal-save">
            {t('common:actions.save')}
          </Button>
          <Button component={Link} to={base ? `/deals/${base.id}` : '/deals'} variant="default">
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
