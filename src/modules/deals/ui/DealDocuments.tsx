import { Fragment, useState } from 'react';
import { Anchor, Badge, Button, Group, Menu, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, patch, post } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { Section } from '../../../web/components/CardParts.js';
import { useFormat } from '../../../web/components/format.js';
import { documentKinds, documentTransitions, type DealDocument, type DocumentKind, type DocumentStatus } from '../documents.schema.js';
import { dealPaths, useMoney } from './dealsApi.js';
import { LinesView } from './LinesView.js';

const statusColors: Record<DocumentStatus, string> = { draft: 'gray', sent: 'blue', accepted: 'green', rejected: 'red' };

/** Proposals and orders of a deal: create one from the deal's lines, open its lines, move it through its statuses. */
export function DealDocuments({ dealId, canEdit, hasLines }: { dealId: string; canEdit: boolean; hasLines: boolean }) {
  const { t } = useTranslation('deals');
  const fmt = useFormat();
  const money = useMoney();
  const qc = useQueryClient();
  const key = ['deals', dealId, 'documents'];
  const docs = useQuery({ queryKey: key, queryFn: async () => (await get<{ items: DealDocument[] }>(dealPaths.documents(dealId))).items });
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      await qc.invalidateQueries({ queryKey: key });
      await qc.invalidateQueries({ queryKey: ['deals', dealId, 'history'] });
      notifications.show({ color: 'green', message: done });
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'deals') });
      await qc.invalidateQueries({ queryKey: key });
    } finally {
      setBusy(false);
    }
  };
  const create = (kind: DocumentKind) => run(() => post(dealPaths.documents(dealId), { kind }), t(`documents.created.${kind}`));
  const setStatus = (d: DealDocument, status: DocumentStatus) =>
    run(() => patch(dealPaths.document(dealId, d.id), { version: d.version, status }), t('documents.statusChanged', { number: d.number, status: t(`documents.statuses.${status}`) }));

  return (
    <Section
      title={t('documents.title')}
      testId="deal-documents"
      actions={
        canEdit && (
          <Group gap={4}>
            {documentKinds.map((k) => (
              <Button key={k} size="compact-xs" variant="light" loading={busy} onClick={() => void create(k)} title={hasLines ? undefined : t('documents.noLinesHint')} data-testid={`document-new-${k}`}>
                {t(`documents.new.${k}`)}
              </Button>
            ))}
          </Group>
        )
      }
    >
      {docs.error ? (
        <Text size="sm" c="red">
          {featureErrorMessage(t, docs.error, 'deals')}
        </Text>
      ) : !docs.data?.length ? (
        <Text size="sm" c="dimmed">
          {docs.isPending ? t('common:state.loading') : t('documents.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.number')}</Table.Th>
                <Table.Th>{t('documents.date')}</Table.Th>
                <Table.Th>{t('documents.validUntil')}</Table.Th>
                <Table.Th>{t('documents.status')}</Table.Th>
                <Table.Th ta="right">{t('lines.gross')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {docs.data.map((d) => (
                <Fragment key={d.id}>
                  <Table.Tr data-testid="document-row">
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Anchor size="sm" onClick={() => setOpen(open === d.id ? null : d.id)} data-testid="document-number">
                          {d.number}
                        </Anchor>
                        <Text size="xs" c="dimmed" data-testid="document-kind">
                          {t(`documents.kinds.${d.kind}`)}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>{fmt.calendarDate(d.date)}</Table.Td>
                    <Table.Td>{fmt.calendarDate(d.validUntil)}</Table.Td>
                    <Table.Td>
                      {canEdit && documentTransitions[d.status].length > 0 ? (
                        <Menu position="bottom-start" withinPortal>
                          <Menu.Target>
                            <Badge component="button" color={statusColors[d.status]} variant="light" style={{ cursor: 'pointer' }} data-testid="document-status">
                              {`${t(`documents.statuses.${d.status}`)} ▾`}
                            </Badge>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Label>{t('documents.changeStatus')}</Menu.Label>
                            {documentTransitions[d.status].map((s) => (
                              <Menu.Item key={s} onClick={() => void setStatus(d, s)} data-testid="document-status-option">
                                {t(`documents.statuses.${s}`)}
                              </Menu.Item>
                            ))}
                          </Menu.Dropdown>
                        </Menu>
                      ) : (
                        <Badge color={statusColors[d.status]} variant="light" data-testid="document-status">
                          {t(`documents.statuses.${d.status}`)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{money(d.totals.gross, d.currency)}</Table.Td>
                  </Table.Tr>
                  {open === d.id && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <LinesView lines={d.lines} totals={d.totals} currency={d.currency} />
                        {d.note && (
                          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                            {d.note}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
