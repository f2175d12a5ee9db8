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
import { EmailList, PhoneList } from '../../../web/components/ContactPointsView.js';
import { CustomFieldValues } from '../../../web/components/CustomFields.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { HistoryTimeline } from '../../../web/components/HistoryTimeline.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import { MergeModal } from '../../../web/components/MergeModal.js';
import { RecordActivities } from '../../activities/ui/RecordActivities.js';
import type { Contact } from '../contacts.schema.js';
import { ContactCompanies } from './ContactCompanies.js';

/** Audited fields that hold ids. */
const historyFormats: Record<string, AuditFormat> = {
  companies: { kind: 'record', path: '/companies', idKey: 'companyId' },
  mergedFrom: { kind: 'record', path: '/contacts', idKey: 'id' },
  mergedInto: { kind: 'record', path: '/contacts', idKey: 'id' },
  ownerId: { kind: 'user' },
};

function ContactSummary({ contact }: { contact: Contact }) {
  return (
    <Stack gap={2}>
      <Text fw={600} size="sm">
        {contact.fullName}
      </Text>
      {[contact.position, contact.companies.map((c) => c.name).join(', '), contact.phones.map((p) => p.raw).join(', '), contact.emails.map((e) => e.email).join(', ')]
        .filter(Boolean)
        .map((line, i) => (
          <Text key={i} size="xs" c="dimmed">
            {line}
          </Text>
        ))}
    </Stack>
  );
}

export function ContactCardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('contacts');
  const { can } = useAuth();
  const fmt = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [merging, setMerging] = useState(false);
  const q = useQuery({ queryKey: ['contacts', id], queryFn: () => get<Contact>(`/contacts/${id}`) });
  if (q.error) return <ErrorState error={q.error} ns="contacts" backTo="/contacts" />;
  if (!q.data) return <PageLoader />;
  const c = q.data;

  const remove = async () => {
    try {
      await del(`/contacts/${c.id}`);
      qc.removeQueries({ queryKey: ['contacts', c.id] });
      await qc.invalidateQueries({ queryKey: ['contacts'] });
      notifications.show({ color: 'green', message: t('deleted') });
      navigate('/contacts');
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'contacts') });
    }
  };

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/contacts" size="sm">
          {t('title')}
        </Anchor>
        <Text size="sm">{c.fullName}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} data-testid="contact-title">
            {c.fullName}
          </Title>
          {c.position && <Text c="dimmed">{c.position}</Text>}
          {c.tags.length > 0 && (
            <Group gap={4}>
              {c.tags.map((tag) => (
                <Badge key={tag} variant="light">
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
        <Group gap="xs">
          {can('contact', 'update') && (
            <Button component={Link} to={`/contacts/${c.id}/edit`} data-testid="contact-edit">
              {t('common:actions.edit')}
            </Button>
          )}
          {can('contact', 'merge') && (
            <Button variant="default" onClick={() => setMerging(true)} data-testid="contact-merge">
              {t('common:actions.merge')}
            </Button>
          )}
          {can('contact', 'delete') && (
            <ConfirmButton variant="default" color="red" message={t('deleteConfirm', { name: c.fullName })} confirmLabel={t('common:actions.delete')} onConfirm={remove} data-testid="contact-delete">
              {t('common:actions.delete')}
            </ConfirmButton>
          )}
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Section title={t('sections.reach')}>
              <FieldRow label={t('fields.phones')} always>
                <PhoneList phones={c.phones} />
              </FieldRow>
              <FieldRow label={t('fields.emails')} always>
                <EmailList emails={c.emails} />
              </FieldRow>
            </Section>
            <ContactCompanies contact={c} canLink={can('company', 'update')} />
            <Section title={t('sections.more')}>
              <FieldRow label={t('card.birthday')}>{fmt.calendarDate(c.birthday)}</FieldRow>
              <FieldRow label={t('card.owner')}>{c.ownerName}</FieldRow>
              <FieldRow label={t('fields.createdAt')}>{fmt.dateTime(c.createdAt)}</FieldRow>
              <FieldRow label={t('fields.custom')} always>
                <CustomFieldValues entity="contact" values={c.custom} />
              </FieldRow>
              <FieldRow label={t('card.notes')}>{c.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.notes}</Text>}</FieldRow>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            {can('activity', 'read') && (
              <RecordActivities
                filter={{ contactId: c.id }}
                prefill={{ contacts: [{ id: c.id, fullName: c.fullName }], company: c.companies[0] ? { id: c.companies[0].id, name: c.companies[0].name } : null }}
              />
            )}
            <AttachmentsPanel entity="contact" entityId={c.id} canEdit={can('contact', 'update')} />
          </Stack>
        </Grid.Col>
        {/* after the side column, so a narrow screen shows contacts and files before the history */}
        <Grid.Col span={{ base: 12, md: 8 }}>
          <HistoryTimeline path={`/contacts/${c.id}/history`} ns="contacts" entityKey={['contacts', c.id]} formats={historyFormats} />
        </Grid.Col>
      </Grid>
      {merging && (
        <MergeModal<Contact>
          opened
          onClose={() => setMerging(false)}
          path="/contacts"
          target={c}
          ns="contacts"
          describe={(x) => x.fullName}
          preview={(x) => <ContactSummary contact={x} />}
          onMerged={async () => {
            setMerging(false);
            notifications.show({ color: 'green', message: t('merge.done') });
            await qc.invalidateQueries({ queryKey: ['contacts'] });
          }}
        />
      )}
    </Stack>
  );
}
