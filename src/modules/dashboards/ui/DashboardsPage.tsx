import { ActionIcon, Alert, Anchor, Button, Card, Grid, Group, Menu, Modal, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, del, get, patch, post } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import type { ReportDefinition, ReportResult, SavedReport } from '../../reports/reports.schema.js';
import { ReportView } from '../../reports/ui/ReportView.js';
import { widgetDisplays, widgetSizes, type Dashboard, type Widget, type WidgetSize } from '../dashboards.schema.js';

/** Analytics > Dashboards: the user's dashboards (the ready-made one appears on the first visit), widgets in a grid. */

const span: Record<WidgetSize, { base: number; md: number }> = { sm: { base: 12, md: 4 }, md: { base: 12, md: 6 }, lg: { base: 12, md: 12 } };

function WidgetCard({ dashboard, widget, index, onLayout }: { dashboard: Dashboard; widget: Widget; index: number; onLayout(widgets: Widget[]): void }) {
  const { t } = useTranslation('dashboards');
  const client = useQueryClient();
  const result = useQuery({
    queryKey: ['reports', 'result', widget.reportId],
    queryFn: () => get<ReportResult>(`/reports/${widget.reportId}/result`),
    enabled: widget.available,
    retry: false,
  });
  const move = (to: number) => {
    const list = [...dashboard.widgets];
    const [w] = list.splice(index, 1);
    list.splice(to, 0, w!);
    onLayout(list);
  };
  const change = (w: Partial<Widget>) => onLayout(dashboard.widgets.map((x) => (x.id === widget.id ? { ...x, ...w } : x)));
  const remove = async () => {
    client.setQueryData(['dashboards'], (old: { items: Dashboard[] } | undefined) => old && { items: old.items.map((d) => (d.id === dashboard.id ? { ...d, widgets: d.widgets.filter((x) => x.id !== widget.id) } : d)) });
    await del(`/dashboards/${dashboard.id}/widgets/${widget.id}`);
    await client.invalidateQueries({ queryKey: ['dashboards'] });
  };
  return (
    <Card withBorder padding="sm" h="100%" data-testid="dashboard-widget">
      <Group justify="space-between" wrap="nowrap" mb="xs">
        <Anchor component={Link} to={`/analytics/reports/${widget.reportId}`} fw={600} size="sm" title={t('open')}>
          {widget.reportName}
        </Anchor>
        <Group gap={2} wrap="nowrap">
          <ActionIcon variant="subtle" color="gray" size="sm" disabled={index === 0} aria-label={t('moveUp')} onClick={() => move(index - 1)}>↑</ActionIcon>
          <ActionIcon variant="subtle" color="gray" size="sm" disabled={index === dashboard.widgets.length - 1} aria-label={t('moveDown')} onClick={() => move(index + 1)}>↓</ActionIcon>
          <Menu position="bottom-end">
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('rename')}>⋯</ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {widgetDisplays.map((d) => (
                <Menu.Item key={d} disabled={widget.display === d} onClick={() => change({ display: d })}>{t(`display.${d}`)}</Menu.Item>
              ))}
              <Menu.Divider />
              {widgetSizes.map((s) => (
                <Menu.Item key={s} disabled={widget.size === s} onClick={() => change({ size: s })}>{t(`sizes.${s}`)}</Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item color="red" onClick={remove}>{t('remove')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      {!widget.available ? (
        <Text size="sm" c="dimmed">{t('unavailable')}</Text>
      ) : result.isPending ? (
        <PageLoader />
      ) : result.isError ? (
        <Alert color="red">{featureErrorMessage(t, result.error, 'reports')}</Alert>
      ) : (
        <ReportView def={result.data.definition as ReportDefinition} result={result.data} display={widget.display} chartHeight={widget.size === 'sm' ? 220 : 280} />
      )}
    </Card>
  );
}

function AddWidget({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation('dashboards');
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reportId, setReportId] = useState<string | null>(null);
  const reports = useQuery({ queryKey: ['reports', 'list'], queryFn: () => get<{ items: SavedReport[] }>('/reports', { limit: 500 }), enabled: open });
  const add = useMutation({
    mutationFn: () => post<Dashboard>(`/dashboards/${dashboard.id}/widgets`, { reportId }),
    onSuccess: async () => {
      setOpen(false);
      setReportId(null);
      await client.invalidateQueries({ queryKey: ['dashboards'] });
    },
  });
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="dashboard-add-widget">{t('addWidget')}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('addWidget')}>
        <Stack>
          {reports.data && reports.data.items.length === 0 ? (
            <Text size="sm">{t('noReports')}</Text>
          ) : (
            <Select label={t('report')} searchable value={reportId} onChange={setReportId} data={(reports.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))} data-testid="dashboard-report-select" />
          )}
          {add.isError && <Alert color="red">{featureErrorMessage(t, add.error, 'dashboards')}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>{t('common:actions.cancel')}</Button>
            <Button disabled={!reportId} loading={add.isPending} onClick={() => add.mutate()}>{t('common:actions.add')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function NameDialog({ title, initial, onClose, onSave }: { title: string; initial: string; onClose(): void; onSave(name: string): Promise<unknown> }) {
  const { t } = useTranslation('dashboards');
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        <TextInput label={t('name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
          <Button disabled={!name.trim()} loading={busy} onClick={async () => {
            setBusy(true);
            try {
              await onSave(name.trim());
              onClose();
            } finally {
              setBusy(false);
            }
          }}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function DashboardsPage() {
  const { t } = useTranslation('dashboards');
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['dashboards'], queryFn: () => get<{ items: Dashboard[] }>('/dashboards') });
  const [current, setCurrent] = useState<string | null>(null);
  const [naming, setNaming] = useState<'create' | 'rename' | null>(null);
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <ErrorState error={list.error} ns="dashboards" />;
  const items = list.data.items;
  const dashboard = items.find((d) => d.id === current) ?? items[0];
  const refresh = () => client.invalidateQueries({ queryKey: ['dashboards'] });
  const layout = async (widgets: Widget[]) => {
    client.setQueryData(['dashboards'], { items: items.map((d) => (d.id === dashboard!.id ? { ...d, widgets } : d)) });
    await api('PUT', `/dashboards/${dashboard!.id}/layout`, { widgets: widgets.map((w) => ({ id: w.id, display: w.display, size: w.size })) });
    await refresh();
  };
  return (
    <Stack gap="sm" data-testid="dashboards-page">
      <Group justify="space-between">
        {items.length > 1 ? (
          <Tabs value={dashboard?.id ?? null} onChange={setCurrent} variant="pills">
            <Tabs.List>
              {items.map((d) => <Tabs.Tab key={d.id} value={d.id}>{d.name}</Tabs.Tab>)}
            </Tabs.List>
          </Tabs>
        ) : (
          <Text fw={600}>{dashboard?.name}</Text>
        )}
        <Group gap="xs">
          {dashboard && <AddWidget dashboard={dashboard} />}
          {dashboard && <Button size="xs" variant="default" onClick={() => setNaming('rename')}>{t('rename')}</Button>}
          <Button size="xs" variant="default" onClick={() => setNaming('create')} data-testid="dashboard-create">{t('create')}</Button>
          {dashboard && (
            <ConfirmButton size="xs" variant="subtle" color="red" message={t('deleteConfirm', { name: dashboard.name })} onConfirm={async () => {
              await del(`/dashboards/${dashboard.id}`);
              setCurrent(null);
              await refresh();
            }}>
              {t('delete')}
            </ConfirmButton>
          )}
        </Group>
      </Group>
      {!dashboard ? (
        <EmptyState title={t('empty')} text={t('emptyText')} />
      ) : dashboard.widgets.length === 0 ? (
        <EmptyState title={t('noWidgets')} text={t('noWidgetsText')} />
      ) : (
        <Grid>
          {dashboard.widgets.map((w, i) => (
            <Grid.Col key={w.id} span={span[w.size]}>
              <WidgetCard dashboard={dashboard} widget={w} index={i} onLayout={layout} />
            </Grid.Col>
          ))}
        </Grid>
      )}
      {naming && (
        <NameDialog
          title={t(naming === 'create' ? 'create' : 'rename')}
          initial={naming === 'rename' ? (dashboard?.name ?? '') : ''}
          onClose={() => setNaming(null)}
          onSave={async (name) => {
            if (naming === 'create') setCurrent((await post<Dashboard>('/dashboards', { name })).id);
            else await patch(`/dashboards/${dashboard!.id}`, { name });
            await refresh();
          }}
        />
      )}
    </Stack>
  );
}
