import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Phone {
  kind: string;
  raw: string;
  e164: string | null;
  ext: string | null;
}
interface Email {
  kind: string;
  email: string;
}
interface Address {
  kind: string;
  country: string | null;
  city: string | null;
  postalCode: string | null;
  line: string | null;
}

function Kind({ label }: { label: string }) {
  return (
    <Badge variant="light" color="gray" size="sm" w={110} tt="none" style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}

/** Phones as tel: links (E.164 when the number was recognised). */
export function PhoneList({ phones }: { phones: Phone[] }) {
  const { t } = useTranslation('ui');
  if (!phones.length) return <Text c="dimmed" size="sm">{t('none')}</Text>;
  return (
    <Stack gap={4}>
      {phones.map((p, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <Kind label={t(`phones.kinds.${p.kind}`)} />
          <Anchor href={`tel:${p.e164 ?? p.raw}${p.ext ? `,${p.ext}` : ''}`} size="sm">
            {p.raw}
          </Anchor>
        </Group>
      ))}
    </Stack>
  );
}

export function EmailList({ emails }: { emails: Email[] }) {
  const { t } = useTranslation('ui');
  if (!emails.length) return <Text c="dimmed" size="sm">{t('none')}</Text>;
  return (
    <Stack gap={4}>
      {emails.map((e, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <Kind label={t(`emails.kinds.${e.kind}`)} />
          <Anchor href={`mailto:${e.email}`} size="sm" style={{ wordBreak: 'break-all' }}>
            {e.email}
          </Anchor>
        </Group>
      ))}
    </Stack>
  );
}

export function AddressList({ addresses }: { addresses: Address[] }) {
  const { t } = useTranslation('ui');
  if (!addresses.length) return <Text c="dimmed" size="sm">{t('none')}</Text>;
  return (
    <Stack gap={4}>
      {addresses.map((a, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <Kind label={t(`addresses.kinds.${a.kind}`)} />
          <Text size="sm">{[a.postalCode, a.country, a.city, a.line].filter(Boolean).join(', ')}</Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The first phone of a record, as a short tel: link for list rows. */
export function FirstPhone({ phones }: { phones: Phone[] }) {
  const p = phones[0];
  if (!p) return null;
  return (
    <Anchor href={`tel:${p.e164 ?? p.raw}`} size="sm" onClick={(e) => e.stopPropagation()}>
      {p.raw}
    </Anchor>
  );
}
