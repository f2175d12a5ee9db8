import { useState } from 'react';
import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { del, get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { AttachmentsPanel } from '../../../web/components/AttachmentsPanel.js';
import type { AuditFormat } from '../../../web/components/AuditValue.js';
import { FieldRow, Section } from '../../../web/components/CardParts.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { AddressList, EmailList, PhoneList } from '../../../web/components/ContactPointsView.js';
import { CustomFieldValues } from '../../../web/components/CustomFields.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { HistoryTimeline } from '../../../web/components/HistoryTimeline.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import { MergeModal } from '../../../web/components/MergeModal.js';
import { CompanyTimeline } from '../../activities/ui/CompanyTimeline.js';
import { RecordActivities } from '../../activities/ui/RecordActivities.js';
import { CompanyDeals, CompanyProducts } from '../../deals/ui/CompanyDeals.js';
import type { Company, CompanyDetail } from '../companies.schema.js';
import { CompanyContacts } from './CompanyContacts.js';
import { CompanyRequisites, Website } from './CompanyRequisites.js';
import { StatusBadge } from './StatusBadge.js';

/** Audited fields that hold ids or codes. */
const historyFormats: Record<string, AuditFormat> = {
  contacts: { kind: 'record', path: '/contacts' },
  mergedFrom: { kind: 'record', path: '/companies', idKey: 'id' },
  mergedInto: { kind: 'record', path: '/companies', idKey: 'id' },
  ownerId: { kind: 'user' },
  status: { kind: 'enum', prefix: 'companies:statuses' },
};

/** A short summary of a company for the merge preview. */
function CompanySummary({ company: c }: { company: Company }) {
  const { t } = useTranslation('companies');
  const lines = [
    c.legalForm,
    c.inn && `${t('fields.inn')} ${c.inn}`,
    c.eik && `${t('fields.eik')} ${c.eik}`,
    c.city,
    c.phones.map((p) => p.raw).join(', '),
    c.emails.map((e) => e.email).join(', '),
    c.ownerName,
  ].filter(Boolean);
  return (
    <Stack gap={2}>
      <Text fw={600} size="sm">
        {c.name}
      </Text>
      <StatusBadge status={c.status} />
      {lines.map((line, i) => (
        <Text key={i} size="xs" c="dimmed">
          {line}
        </Text>
      ))}
    </Stack>
  );
}

export function CompanyCardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('companies');
  const { can } = useAuth();
  const fmt = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [merging, setMerging] = useState(false);
  const q = useQuery({ queryKey: ['companies', id], queryFn: () => get<CompanyDetail>(`/companies/${id}`) });
  if (q.error) return <ErrorState error={q.error} ns="companies" backTo="/companies" />;
  if (!q.data) return <PageLoader />;
  const c = q.data;

  const remove = async () => {
    try {
      await del(`/companies/${c.id}`);
      qc.removeQueries({ queryKey: ['companies', c.id] });
      await qc.invalidateQueries({ queryKey: ['companies'] });
      notifications.show({ color: 'green', message: t('deleted') });
      navigate('/companies');
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'companies') });
    }
  };

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/companies" size="sm">
          {t('title')}
        </Anchor>
        <Text size="sm">{c.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={2} data-testid="company-title">
            {c.legalForm && !c.name.includes(c.legalForm) ? `${c.legalForm} ${c.name}` : c.name}
          </Title>
          <Group gap="xs">
            <StatusBadge status={c.status} since={c.statusChangedAt} showSince />
            {c.tags.map((tag) => (
              <Badge key={tag} variant="outline" color="gray">
                {tag}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Group gap="xs">
          {can('company', 'update') && (
            <Button component={Link} to={`/companies/${c.id}/edit`} data-testid="company-edit">
              {t('common:actions.edit')}
            </Button>
          )}
          {can('company', 'merge') && (
            <Button variant="default" onClick={() => setMerging(true)} data-testid="company-merge">
              {t('common:actions.merge')}
            </Button>
          )}
          {can('company', 'delete') && (
            <ConfirmButton variant="default" color="red" message={t('deleteConfirm', { name: c.name })} confirmLabel={t('common:actions.delete')} onConfirm={remove} data-testid="company-delete">
              {t('common:actions.delete')}
            </ConfirmButton>
          )}
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <CompanyRequisites company={c} />
            {can('activity', 'read') && <RecordActivities filter={{ companyId: c.id }} prefill={{ company: { id: c.id, name: c.name } }} showDone={false} />}
            {can('deal', 'read') && <CompanyDeals companyId={c.id} />}
            {can('deal', 'read') && <CompanyProducts companyId={c.id} />}
            <Section title={t('card.reach')}>
              <FieldRow label={t('fields.phones')} always>
                <PhoneList phones={c.phones} />
              </FieldRow>
              <FieldRow label={t('fields.emails')} always>
                <EmailList emails={c.emails} />
              </FieldRow>
              <FieldRow label={t('fields.addresses')} always>
                <AddressList addresses={c.addresses} />
              </FieldRow>
              <FieldRow label={t('fields.website')}>{c.website && <Website url={c.website} />}</FieldRow>
            </Section>
            <Section title={t('card.more')}>
              <FieldRow label={t('fields.owner')}>{c.ownerName}</FieldRow>
              <FieldRow label={t('fields.source')}>{c.source}</FieldRow>
              <FieldRow label={t('fields.createdAt')}>{fmt.dateTime(c.createdAt)}</FieldRow>
              <FieldRow label={t('fields.custom')} always>
                <CustomFieldValues entity="company" values={c.custom} />
              </FieldRow>
              <FieldRow label={t('fields.notes')}>{c.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.notes}</Text>}</FieldRow>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <CompanyContacts company={c} />
            <AttachmentsPanel entity="company" entityId={c.id} canEdit={can('company', 'update')} />
          </Stack>
        </Grid.Col>
        {/* after the side column, so a narrow screen shows contacts and files before the timeline and the history */}
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <CompanyTimeline companyId={c.id} formats={historyFormats} />
            <HistoryTimeline path={`/companies/${c.id}/history`} ns="companies" entityKey={['companies', c.id]} formats={historyFormats} />
          </Stack>
        </Grid.Col>
      </Grid>
      {merging && (
        <MergeModal<Company>
          opened
          onClose={() => setMerging(false)}
          path="/companies"
          target={c}
          ns="companies"
          describe={(x) => (x.inn ? `${x.name} · ${x.inn}` : x.name)}
          preview={(x) => <CompanySummary company={x} />}
          onMerged={async () => {
            setMerging(false);
            notifications.show({ color: 'green', message: t('merge.done') });
            await qc.invalidateQueries({ queryKey: ['companies'] });
          }}
        />
      )}
    </Stack>
  );
}
