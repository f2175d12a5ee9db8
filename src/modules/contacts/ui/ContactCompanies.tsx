import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { del, post } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { Section } from '../../../web/components/CardParts.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';
import type { Contact } from '../contacts.schema.js';

interface CompanyRef {
  id: string;
  name: string;
}

/** The companies a contact works at: links to them, link to one more, unlink. */
export function ContactCompanies({ contact, canLink }: { contact: Contact; canLink: boolean }) {
  const { t } = useTranslation('contacts');
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [company, setCompany] = useState<CompanyRef | null>(null);
  const [position, setPosition] = useState(contact.position ?? '');
  const [primary, setPrimary] = useState(false);
  const [busy, setBusy] = useState(false);

  const refresh = async (companyId: string) => {
    await qc.invalidateQueries({ queryKey: ['contacts', contact.id] });
    await qc.invalidateQueries({ queryKey: ['companies', companyId] });
  };

  const link = async () => {
    if (!company) return;
    setBusy(true);
    try {
      await post(`/companies/${company.id}/contacts`, { contactId: contact.id, position: position || null, isPrimary: primary });
      await refresh(company.id);
      setAdding(false);
      setCompany(null);
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'contacts') });
    } finally {
      setBusy(false);
    }
  };

  const unlink = async (companyId: string) => {
    try {
      await del(`/companies/${companyId}/contacts/${contact.id}`);
      await refresh(companyId);
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'contacts') });
    }
  };

  return (
    <Section
      title={t('card.companies')}
      testId="contact-companies"
      actions={
        canLink && !adding && (
          <Button size="compact-sm" variant="light" onClick={() => setAdding(true)} data-testid="contact-link-company">
            {t('card.link')}
          </Button>
        )
      }
    >
      {!contact.companies.length && !adding && (
        <Text size="sm" c="dimmed">
          {t('card.noCompanies')}
        </Text>
      )}
      {contact.companies.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap">
          <Stack gap={0}>
            <Group gap="xs">
              <Anchor component={Link} to={`/companies/${c.id}`} size="sm" fw={500}>
                {c.name}
              </Anchor>
              {c.isPrimary && (
                <Badge size="xs" variant="light">
                  {t('card.primary')}
                </Badge>
              )}
            </Group>
            {c.position && (
              <Text size="xs" c="dimmed">
                {c.position}
              </Text>
            )}
          </Stack>
          {canLink && (
            <ConfirmButton size="compact-xs" variant="subtle" color="red" message={t('card.unlinkConfirm', { name: contact.fullName, company: c.name })} onConfirm={() => unlink(c.id)}>
              {t('card.unlink')}
            </ConfirmButton>
          )}
        </Group>
      ))}
      {adding && (
        <Stack gap="xs">
          <RecordPicker<CompanyRef> path="/companies" label={t('fields.company')} describe={(c) => c.name} exclude={contact.companies.map((c) => c.id)} onPick={setCompany} autoFocus />
          <TextInput label={t('fields.position')} value={position} onChange={(e) => setPosition(e.currentTarget.value)} />
          <Checkbox label={t('card.primary')} checked={primary} onChange={(e) => setPrimary(e.currentTarget.checked)} />
          <Group gap="xs">
            <Button size="xs" disabled={!company} loading={busy} onClick={link}>
              {t('common:actions.add')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setAdding(false)}>
              {t('common:actions.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
