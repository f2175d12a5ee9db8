import { useState } from 'react';
import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { del, get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import type { AuditFormat } from '../../../web/components/AuditValue.js';
import { FieldRow, Section } from '../../../web/components/CardParts.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { HistoryTimeline } from '../../../web/components/HistoryTimeline.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import { RecordActivities } from '../../activities/ui/RecordActivities.js';
import type { Stage } from '../../pipelines/pipelines.schema.js';
import type { DealDetail } from '../deals.schema.js';
import { DealDocuments } from './DealDocuments.js';
import { DealStageHistory } from './DealStageHistory.js';
import { dealPaths, moveDeal, stageOf, useMoney, usePipelines, type LostInput } from './dealsApi.js';
import { LinesView } from './LinesView.js';
import { LostDialog } from './LostDialog.js';
import { StageProgress } from './StageProgress.js';
import { StatusBadge } from './StatusBadge.js';

export function DealCardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('deals');
  const { can } = useAuth();
  const fmt = useFormat();
  const money = useMoney();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const pipelines = usePipelines();
  const [losing, setLosing] = useState<Stage | null>(null);
  const [moving, setMoving] = useState(false);
  const q = useQuery({ queryKey: ['deals', id], queryFn: () => get<DealDetail>(dealPaths.one(id)) });
  if (q.error) return <ErrorState error={q.error} ns="deals" backTo="/deals" />;
  if (!q.data || !pipelines.data) return <PageLoader />;
  const d = q.data;
  const all = pipelines.data;
  const pipeline = all.find((p) => p.id === d.pipelineId);
  const stage = stageOf(all, d.stageId);
  const canEdit = can('deal', 'update');

  /** Audited fields that hold ids or codes. */
  const historyFormats: Record<string, AuditFormat> = {
    companyId: { kind: 'record', path: '/companies' },
    contactIds: { kind: 'record', path: '/contacts' },
    ownerId: { kind: 'user' },
    type: { kind: 'enum', prefix: 'deals:types' },
    amountMode: { kind: 'enum', prefix: 'deals:amountModes' },
    pipelineId: { kind: 'label', of: (x) => all.find((p) => p.id === x)?.name },
    stageId: { kind: 'label', of: (x) => stageOf(all, x)?.name },
    lostReasonId: { kind: 'label', of: (x) => (x === d.lostReasonId ? (d.lostReasonName ?? undefined) : undefined) },
  };

  const move = async (to: Stage, lost?: LostInput) => {
    setMoving(true);
    try {
      const saved = await moveDeal(d, to.id, lost);
      qc.setQueryData(['deals', id], saved);
      await qc.invalidateQueries({ queryKey: ['deals'] });
      if (d.companyId) await qc.invalidateQueries({ queryKey: ['companies', d.companyId] });
      notifications.show({ color: 'green', message: t('movedTo', { stage: to.name }) });
    } catch (err) {
      notifications.show({ color: 'red', title: t('board.moveFailed', { title: d.title }), message: featureErrorMessage(t, err, 'deals') });
      await qc.invalidateQueries({ queryKey: ['deals', id] });
    } finally {
      setMoving(false);
    }
  };

  const remove = async () => {
    try {
      await del(dealPaths.one(d.id));
      qc.removeQueries({ queryKey: ['deals', d.id] });
      await qc.invalidateQueries({ queryKey: ['deals'] });
      notifications.show({ color: 'green', message: t('deleted') });
      navigate('/deals');
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'deals') });
    }
  };

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to={`/deals?pipeline=${d.pipelineId}`} size="sm">
          {pipeline?.name ?? t('title')}
        </Anchor>
        <Text size="sm">{d.title}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={2} data-testid="deal-card-title">
            {d.title}
          </Title>
          <Group gap="xs">
            <StatusBadge status={d.status} />
            {d.overdue && (
              <Badge color="red" data-testid="deal-overdue">
                {t('overdue')}
              </Badge>
            )}
            <Text fw={700} data-testid="deal-card-amount">
              {money(d.amount, d.currency)}
            </Text>
            {d.companyId && (
              <Anchor component={Link} to={`/companies/${d.companyId}`} size="sm" data-testid="deal-card-company">
                {d.companyName}
              </Anchor>
            )}
          </Group>
        </Stack>
        <Group gap="xs">
          {canEdit && (
            <Button component={Link} to={`/deals/${d.id}/edit`} data-testid="deal-edit">
              {t('common:actions.edit')}
            </Button>
          )}
          {can('deal', 'delete') && (
            <ConfirmButton variant="default" color="red" message={t('deleteConfirm', { title: d.title })} confirmLabel={t('common:actions.delete')} onConfirm={remove}>
              {t('common:actions.delete')}
            </ConfirmButton>
          )}
        </Group>
      </Group>
      {pipeline && (
        <StageProgress
          stages={pipeline.stages}
          currentId={d.stageId}
          busy={moving}
          onPick={canEdit ? (s) => (s.kind === 'lost' ? setLosing(s) : void move(s)) : undefined}
        />
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Section title={t('card.details')}>
              <FieldRow label={t('fields.companyId')}>
                {d.companyId && (
                  <Anchor component={Link} to={`/companies/${d.companyId}`} size="sm">
                    {d.companyName}
                  </Anchor>
                )}
              </FieldRow>
              <FieldRow label={t('fields.contactIds')}>
                {d.contacts.length > 0 && (
                  <Group gap={8}>
                    {d.contacts.map((c) => (
                      <Anchor key={c.id} component={Link} to={`/contacts/${c.id}`} size="sm">
                        {c.fullName}
                      </Anchor>
                    ))}
                  </Group>
                )}
              </FieldRow>
              <FieldRow label={t('fields.stageId')}>{stage && `${stage.pipelineName} · ${stage.name}`}</FieldRow>
              <FieldRow label={t('fields.probability')}>{`${d.probability} %${d.probabilityManual ? '' : ` (${t('form.fromStage')})`}`}</FieldRow>
              <FieldRow label={t('fields.ownerId')}>{d.ownerName}</FieldRow>
              <FieldRow label={t('fields.type')}>{t(`types.${d.type}`)}</FieldRow>
              <FieldRow label={t('fields.sourceChannel')}>{d.sourceChannel}</FieldRow>
              <FieldRow label={t('fields.sourceCampaign')}>{d.sourceCampaign}</FieldRow>
              <FieldRow label={t('fields.expectedCloseDate')}>{fmt.calendarDate(d.expectedCloseDate)}</FieldRow>
              <FieldRow label={t('fields.amount')}>{`${money(d.amount, d.currency)} · ${t(`amountModes.${d.amountMode}`)}`}</FieldRow>
              <FieldRow label={t('fields.lostReasonId')}>{d.lostReasonName}</FieldRow>
              <FieldRow label={t('fields.lostComment')}>{d.lostComment}</FieldRow>
              <FieldRow label={t(d.status === 'lost' ? 'fields.lostAt' : 'fields.wonAt')}>{d.closedAt && fmt.dateTime(d.closedAt)}</FieldRow>
              <FieldRow label={t('fields.createdAt')}>{fmt.dateTime(d.createdAt)}</FieldRow>
            </Section>
            <Section title={t('lines.title')} testId="deal-lines">
              <LinesView lines={d.lines} totals={d.totals} currency={d.currency} testId="deal-lines-table" />
            </Section>
            <DealDocuments dealId={d.id} canEdit={canEdit} hasLines={d.lines.length > 0} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            {can('activity', 'read') && (
              <RecordActivities
                filter={{ dealId: d.id }}
                prefill={{
                  deal: { id: d.id, title: d.title, companyId: d.companyId, companyName: d.companyName },
                  company: d.companyId ? { id: d.companyId, name: d.companyName ?? '' } : null,
                  contacts: d.contacts,
                }}
              />
            )}
            <DealStageHistory dealId={d.id} version={d.version} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <HistoryTimeline path={dealPaths.history(d.id)} ns="deals" entityKey={['deals', d.id]} formats={historyFormats} />
        </Grid.Col>
      </Grid>
      {losing && (
        <LostDialog
          dealTitle={d.title}
          stageName={losing.name}
          onCancel={() => setLosing(null)}
          onConfirm={async (lost) => {
            const to = losing;
            setLosing(null);
            await move(to, lost);
          }}
        />
      )}
    </Stack>
  );
}
