import { useState } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiTokenDto } from '../../apitokens/apitokens.schema.js';
import { del, get, post } from '../../../web/api.js';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { useFormat } from '../../../web/components/format.js';

const key = ['auth', 'tokens'] as const;

/** Personal API tokens: create (the secret is shown once, with a copy button), list, revoke. */
export function ApiTokens() {
  const { t } = useTranslation('admin');
  const fmt = useFormat();
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: key, queryFn: async () => (await get<{ items: ApiTokenDto[] }>('/auth/tokens')).items });
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenDto | null>(null);

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const created = await post<ApiTokenDto & { token: string }>('/auth/tokens', { name });
      setSecret(created.token);
      setName('');
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      setNameError(featureFieldErrors(t, err, 'admin').name ?? featureErrorMessage(t, err, 'admin'));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: ApiTokenDto) => {
    try {
      await del(`/auth/tokens/${token.id}`);
      await qc.invalidateQueries({ queryKey: key });
      notifications.show({ message: t('tokens.revoked'), color: 'green' });
      return null;
    } catch (err) {
      return featureErrorMessage(t, err, 'admin');
    }
  };

  return (
    <Paper withBorder p="md" data-testid="api-tokens">
      <Stack>
        <Title order={4}>{t('tokens.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('tokens.intro')}
        </Text>
        {secret && (
          <Alert color="yellow" title={t('tokens.createdTitle')} data-testid="api-token-secret">
            <Stack gap="xs">
              <Text size="sm">{t('tokens.warning')}</Text>
              <Group gap="xs" wrap="nowrap" align="center">
                <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="api-token-value">
                  {secret}
                </Code>
                <CopyButton value={secret}>
                  {({ copied, copy }) => (
                    <Button color={copied ? 'teal' : undefined} onClick={copy} data-testid="api-token-copy">
                      {copied ? t('tokens.copied') : t('tokens.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setSecret(null)}>
                {t('tokens.done')}
              </Button>
            </Stack>
          </Alert>
        )}
        <form onSubmit={create}>
          <Group align="start">
            <TextInput
              label={t('tokens.name')}
              placeholder={t('tokens.namePlaceholder')}
              data-testid="api-token-name"
              value={name}
              error={nameError}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setNameError(undefined);
              }}
              style={{ flex: 1 }}
            />
            <Button type="submit" mt={25} loading={busy} disabled={!name.trim()} data-testid="api-token-create">
              {t('tokens.create')}
            </Button>
          </Group>
        </form>
        {tokens.data?.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('tokens.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="api-token-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.name')}</Table.Th>
                  <Table.Th>{t('tokens.createdAt')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(tokens.data ?? []).map((tk) => (
                  <Table.Tr key={tk.id} c={tk.revokedAt ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {tk.name}
                      </Text>
                      <Code>{tk.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{fmt.dateTime(tk.createdAt)}</Table.Td>
                    <Table.Td>{tk.lastUsedAt ? fmt.dateTime(tk.lastUsedAt) : t('tokens.never')}</Table.Td>
                    <Table.Td ta="right">
                      {tk.revokedAt ? (
                        <Badge color="gray">{t('tokens.revoked')}</Badge>
                      ) : (
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(tk)} data-testid="api-token-revoke">
                          {t('tokens.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmDialog
        opened={!!revoking}
        message={revoking ? t('tokens.revokeConfirm', { name: revoking.name }) : ''}
        confirmLabel={t('tokens.revoke')}
        onConfirm={() => (revoking ? revoke(revoking) : Promise.resolve(null))}
        onClose={() => setRevoking(null)}
      />
    </Paper>
  );
}
