import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Menu, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { del, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { Section } from '../../../web/components/CardParts.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';
import type { CompanyDetail } from '../companies.schema.js';

interface ContactRef {
  id: string;
  fullName: string;
  position: string | null;
}

/** The company's contact persons: open, add (new or existing), unlink. */
export function CompanyContacts({ company }: { company: CompanyDetail }) {
  const { t } = useTranslation('companies');
  const { can } = useAuth();
  const qc = useQueryClient();
  const canLink = can('company', 'update');
  const [linking, setLinking] = useState(false);
  const [contact, setContact] = useState<ContactRef | null>(null);
  const [position, setPosition] = useState('');
  const [primary, setPrimary] = useState(false);
  const [busy, setBusy] = useState(false);

  const refresh = async (contactId: string) => {
    await qc.invalidateQueries({ queryKey: ['companies', company.id] });
    await qc.invalidateQueries({ queryKey: ['contacts', contactId] });
  };

  const link = async () => {
    if (!contact) return;
    setBusy(true);
    try {
      await post(`/companies/${company.id}/contacts`, { contactId: contact.id, position: position.trim() || null, isPrimary: primary });
      await refresh(contact.id);
      setLinking(false);
      setContact(null);
      setPosition('');
      setPrimary(false);
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'companies') });
    } finally {
      setBusy(false);
    }
  };

  const unlink = async (contactId: string) => {
    try {
      await del(`/companies/${company.id}/contacts/${contactId}`);
      await refresh(contactId);
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'companies') });
    }
  };

  const addMenu = (canLink || can('contact', 'create')) && !linking && (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" variant="light" data-testid="company-add-contact">
          {t('card.addContact')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {can('contact', 'create') && (
          <Menu.Item component={Link} to={`/contacts/new?companyId=${company.id}`} data-testid="company-new-contact">
            {t('card.newContact')}
          </Menu.Item>
        )}
        {canLink && (
          <Menu.Item onClick={() => setLinking(true)} data-testid="company-link-contact">
            {t('card.linkExisting')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );

  const contacts = [...company.contacts].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  return (
    <Section title={t('card.contacts')} actions={addMenu} testId="company-contacts">
      {!contacts.length && !linking && (
        <Text size="sm" c="dimmed">
          {t('card.noContacts')}
        </Text>
      )}
      {contacts.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Anchor component={Link} to={`/contacts/${c.id}`} size="sm" fw={500}>
                {c.fullName}
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
            <ConfirmButton size="compact-xs" variant="subtle" color="red" message={t('card.unlinkConfirm', { name: c.fullName })} onConfirm={() => unlink(c.id)}>
              {t('card.unlink')}
            </ConfirmButton>
          )}
        </Group>
      ))}
      {linking && (
        <Stack gap="xs">
          <RecordPicker<ContactRef>
            path="/contacts"
            label={t('card.contact')}
            describe={(c) => (c.position ? `${c.fullName} · ${c.position}` : c.fullName)}
            exclude={company.contacts.map((c) => c.id)}
            autoFocus
            data-testid="company-contact-picker"
            onPick={(c) => {
              setContact(c);
              if (c?.position && !position) setPosition(c.position);
            }}
          />
          <TextInput label={t('card.position')} value={position} onChange={(e) => setPosition(e.currentTarget.value)} />
          <Checkbox label={t('card.primary')} checked={primary} onChange={(e) => setPrimary(e.currentTarget.checked)} />
          <Group gap="xs">
            <Button size="xs" disabled={!contact} loading={busy} onClick={link} data-testid="company-link-confirm">
              {t('common:actions.add')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setLinking(false)}>
              {t('common:actions.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
