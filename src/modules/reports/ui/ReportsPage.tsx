import { Alert, Anchor, Badge, Button, Card, Group, Menu, Modal, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../../web/auth.js';
import { del, downloadPost, get, patch, post } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import type { ReportDefinition, ReportResult, SavedReport } from '../reports.schema.js';
import { ReportControls } from './ReportFilters.js';
import { ReportView } from './ReportView.js';

/** Analytics > Reports: the saved reports, and the constructor (new or a saved one) with chart, pivot, save and export. */

const blank: ReportDefinition = {
  entity: 'deals',
  dimensions: [{ key: 'manager' }, { key: 'period', unit: 'month', field: 'created_at' }],
  measures: ['count', 'sum'],
  filters: { period: { field: 'created_at', preset: 'this_year' } },
  chart: 'bar',
};

function ReportList() {
  const { t } = useTranslation('reports');
  const { can } = useAuth();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['reports', 'list'], queryFn: () => get<{ items: SavedReport[] }>('/reports', { limit: 500 }) });
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <ErrorState error={list.error} ns="reports" />;
  const items = list.data.items;
  return (
    <Stack gap="sm" data-testid="report-list">
      <Group justify="space-between">
        <Title order={4}>{t('list.title')}</Title>
        {can('report', 'create') && <Button component={Link} to="new" data-testid="report-new">{t('list.new')}</Button>}
      </Group>
      {items.length === 0 ? (
        <EmptyState title={t('list.empty')} text={t('list.emptyText')} />
      ) : (
        <Table striped highlightOnHover>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={r.id}>{r.name}</Anchor>
                </Table.Td>
                <Table.Td>{t(`entities.${r.definition.entity}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={r.isShared ? 'teal' : 'gray'}>{t(r.isShared ? 'list.shared' : 'list.private')}</Badge>
                </Table.Td>
                <Table.Td>{r.isMine ? '' : r.ownerName}</Table.Td>
                <Table.Td ta="right">
                  {r.canEdit && (
                    <ConfirmButton size="xs" variant="subtle" color="red" message={t('list.deleteConfirm', { name: r.name })} onConfirm={async () => {
                      await del(`/reports/${r.id}`);
                      await client.invalidateQueries({ queryKey: ['reports'] });
                      await client.invalidateQueries({ queryKey: ['dashboards'] });
                    }}>
                      {t('list.delete')}
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function SaveDialog({ opened, onClose, initial, onSave }: { opened: boolean; onClose(): void; initial: { name: string; isShared: boolean }; onSave(v: { name: string; isShared: boolean }): Promise<unknown> }) {
  const { t } = useTranslation('reports');
  const [name, setName] = useState(initial.name);
  const [isShared, setShared] = useState(initial.isShared);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={t('builder.save')}>
      <Stack>
        <TextInput label={t('builder.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus data-testid="report-name" />
        <Switch label={t('builder.share')} checked={isShared} onChange={(e) => setShared(e.currentTarget.checked)} />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button loading={busy} disabled={!name.trim()} data-testid="report-save-confirm" onClick={async () => {
            setBusy(true);
            try {
              await onSave({ name: name.trim(), isShared });
              onClose();
            } catch (err) {
              setError(featureErrorMessage(t, err, 'reports'));
            } finally {
              setBusy(false);
            }
          }}>
            {t('builder.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const exportChoices = [
  { key: 'exportXlsx', format: 'xlsx', delimiter: ';' },
  { key: 'exportCsvSemicolon', format: 'csv', delimiter: ';' },
  { key: 'exportCsvComma', format: 'csv', delimiter: ',' },
] as const;

/** Export of the definition as it is on screen (saved or not): POSTed, the file saved from the response. */
function ExportMenu({ def, name }: { def: ReportDefinition; name: string | undefined }) {
  const { t } = useTranslation('reports');
  const [busy, setBusy] = useState(false);
  const run = async ({ format, delimiter }: (typeof exportChoices)[number]) => {
    setBusy(true);
    try {
      await downloadPost('/reports/export', { definition: def, name, format, delimiter }, `report.${format}`);
    } catch (err) {
      notifications.show({ color: 'red', message: t('builder.exportFailed', { error: featureErrorMessage(t, err, 'reports') }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu>
      <Menu.Target>
        <Button size="xs" variant="default" loading={busy} data-testid="report-export">{t('builder.export')}</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {exportChoices.map((c) => (
          <Menu.Item key={c.key} onClick={() => void run(c)} data-testid={`report-${c.key}`}>
            {t(`builder.${c.key}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function Builder({ saved }: { saved: SavedReport | null }) {
  const { t } = useTranslation('reports');
  const { can } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [def, setDef] = useState<ReportDefinition>(saved?.definition ?? blank);
  const [saving, setSaving] = useState<'update' | 'new' | null>(null);
  const run = useQuery({ queryKey: ['reports', 'run', def], queryFn: () => post<ReportResult>('/reports/run', def), placeholderData: keepPreviousData, retry: false });
  const dirty = !saved || JSON.stringify(saved.definition) !== JSON.stringify(def);
  const save = useMutation({
    mutationFn: async (v: { name: string; isShared: boolean; mode: 'update' | 'new' }) =>
      v.mode === 'update' && saved
        ? patch<SavedReport>(`/reports/${saved.id}`, { name: v.name, isShared: v.isShared, definition: def })
        : post<SavedReport>('/reports', { name: v.name, isShared: v.isShared, definition: def }),
    onSuccess: async (r) => {
      notifications.show({ color: 'green', message: t('builder.saved') });
      await client.invalidateQueries({ queryKey: ['reports'] });
      navigate(`/analytics/reports/${r.id}`, { replace: true });
    },
  });
  return (
    <Stack gap="sm" data-testid="report-builder">
      <Group justify="space-between">
        <Group gap="xs">
          <Anchor component={Link} to="/analytics/reports">{t('builder.back')}</Anchor>
          {saved && <Title order={4}>{saved.name}</Title>}
        </Group>
        <Group gap="xs">
          {saved?.canEdit && <Button size="xs" disabled={!dirty && !!saved} onClick={() => setSaving('update')} data-testid="report-save">{t('builder.save')}</Button>}
          {can('report', 'create') && <Button size="xs" variant={saved?.canEdit ? 'default' : 'filled'} onClick={() => setSaving('new')} data-testid="report-save-new">{saved ? t('builder.saveAs') : t('builder.save')}</Button>}
          {can('report', 'export') && <ExportMenu def={def} name={saved?.name} />}
        </Group>
      </Group>
      {saved && !saved.canEdit && <Text size="sm" c="dimmed">{t('builder.readOnly', { name: saved.ownerName ?? '' })}</Text>}
      <Card withBorder>
        <ReportControls def={def} onChange={setDef} />
      </Card>
      {run.isError && <Alert color="red" data-testid="report-error">{featureErrorMessage(t, run.error, 'reports')}</Alert>}
      {run.isPending ? <PageLoader /> : run.data && <ReportView def={def} result={run.data} display="both" />}
      {saving && (
        <SaveDialog
          opened
          onClose={() => setSaving(null)}
          initial={{ name: saving === 'update' ? (saved?.name ?? '') : '', isShared: saving === 'update' ? (saved?.isShared ?? false) : false }}
          onSave={(v) => save.mutateAsync({ ...v, mode: saving })}
        />
      )}
    </Stack>
  );
}

function SavedBuilder() {
  const { id } = useParams();
  const report = useQuery({ queryKey: ['reports', 'one', id], queryFn: () => get<SavedReport>(`/reports/${id}`) });
  if (report.isPending) return <PageLoader />;
  if (report.isError) return <ErrorState error={report.error} ns="reports" backTo="/analytics/reports" />;
  return <Builder key={report.data.id + report.data.version} saved={report.data} />;
}

export function ReportsPage() {
  return (
    <Routes>
      <Route index element={<ReportList />} />
      <Route path="new" element={<Builder saved={null} />} />
      <Route path=":id" element={<SavedBuilder />} />
    </Routes>
  );
}
