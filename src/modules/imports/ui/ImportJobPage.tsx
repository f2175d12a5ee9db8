import { useEffect } from 'react';
import { Alert, Anchor, Button, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { downloadUrl, get, post } from '../../../web/api.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import type { ImportJob, RowError } from '../imports.schema.js';
import { StatusBadge } from './StatusBadge.js';

const ERRORS_SHOWN = 100;
const live = new Set(['queued', 'running', 'undoing']);

/** Rows per second since the job started (its last update as the end while it runs). */
function rateOf(j: ImportJob): number | null {
  if (!j.startedAt || !j.rowsDone || j.status === 'undoing' || j.status === 'undone') return null;
  const end = Date.parse(j.finishedAt ?? j.updatedAt);
  const seconds = (end - Date.parse(j.startedAt)) / 1000;
  return seconds > 0 ? Math.round(j.rowsDone / seconds) : null;
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} size="lg" data-testid={testId}>
        {value.toLocaleString()}
      </Text>
    </Card>
  );
}

/** One import: live progress (server-sent events), counters, cancel, undo, the skipped rows. */
export function ImportJobPage() {
  const { id } = useParams();
  const { t } = useTranslation('imports');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const key = ['imports', id];
  const q = useQuery({ queryKey: key, queryFn: () => get<ImportJob>(`/imports/${id}`) });
  const job = q.data;
  const running = !!job && live.has(job.status);
  const errors = useQuery({
    queryKey: ['imports', id, 'errors', job?.rowsErrors],
    queryFn: () => get<{ items: RowError[] }>(`/imports/${id}/errors`, { limit: ERRORS_SHOWN }),
    enabled: !!job && job.rowsErrors > 0,
  });

  useEffect(() => {
    if (!running) return;
    const source = new EventSource(`/api/v1/imports/${id}/events`);
    source.addEventListener('progress', (e) => qc.setQueryData(key, JSON.parse((e as MessageEvent<string>).data) as ImportJob));
    source.onerror = () => void qc.invalidateQueries({ queryKey: key });
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the stream follows the job id and whether it runs
  }, [id, running]);

  if (q.error) return <ErrorState error={q.error} ns="imports" backTo="/imports" />;
  if (!job) return <PageLoader />;
  const refresh = (j: ImportJob) => qc.setQueryData(key, j);
  const rate = rateOf(job);
  const undoing = job.status === 'undoing' || job.status === 'undone';
  const runForReal = async () => {
    const next = await post<ImportJob>('/imports', { uploadId: job.uploadId, entity: job.entity, mapping: job.mapping, key: job.key, mode: job.mode, dryRun: false });
    void navigate(`/imports/${next.id}`);
  };

  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/imports" size="sm">
        ← {t('job.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{t(job.dryRun ? 'job.dryRunTitle' : 'job.title', { file: job.fileName })}</Title>
        <StatusBadge status={job.status} />
      </Group>
      {job.dryRun && <Text c="dimmed">{t('job.dryRunNote')}</Text>}
      {job.failure && <Alert color="red">{t('job.failure', { reason: job.failure })}</Alert>}
      <Card withBorder>
        <Stack gap="xs">
          <Progress value={job.rowsTotal ? (job.rowsDone / job.rowsTotal) * 100 : running ? 100 : 0} animated={running} striped={running} data-testid="import-progress" />
          <Group justify="space-between">
            <Text size="sm" data-testid="import-rows">
              {job.rowsTotal === null ? t('job.progressUnknown', { done: job.rowsDone.toLocaleString() }) : t('job.progress', { done: job.rowsDone.toLocaleString(), total: job.rowsTotal.toLocaleString() })}
            </Text>
            {rate !== null && <Text size="sm" c="dimmed">{t('job.rate', { rate: rate.toLocaleString() })}</Text>}
          </Group>
        </Stack>
      </Card>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('job.created')} value={job.created} testId="import-created" />
        <Stat label={t('job.updated')} value={job.updated} testId="import-updated" />
        <Stat label={t('job.unchanged')} value={job.unchanged} testId="import-unchanged" />
        <Stat label={t('job.skipped')} value={job.rowsErrors} testId="import-skipped" />
        {undoing && <Stat label={t('job.reverted')} value={job.reverted} testId="import-reverted" />}
        {undoing && <Stat label={t('job.kept')} value={job.kept} testId="import-kept" />}
      </SimpleGrid>
      <Group>
        {(job.status === 'queued' || job.status === 'running') && (
          <Button color="orange" variant="light" onClick={() => void post<ImportJob>(`/imports/${id}/cancel`).then(refresh)} data-testid="import-cancel">
            {t('job.cancel')}
          </Button>
        )}
        {!job.dryRun && ['done', 'cancelled', 'failed'].includes(job.status) && (
          <ConfirmButton color="red" variant="light" message={t('job.undoConfirm')} onConfirm={() => post<ImportJob>(`/imports/${id}/undo`).then(refresh)} data-testid="import-undo">
            {t('job.undo')}
          </ConfirmButton>
        )}
        {job.dryRun && job.status === 'done' && (
          <Button onClick={() => void runForReal()} data-testid="import-run-for-real">
            {t('run.again')}
          </Button>
        )}
        {job.rowsErrors > 0 && (
          <Button component="a" variant="default" href={downloadUrl(`/imports/${id}/errors.csv`)} data-testid="import-errors-download">
            {t('job.downloadErrors')}
          </Button>
        )}
      </Group>
      <Title order={4}>{t('job.errorsTitle')}</Title>
      {job.rowsErrors === 0 ? (
        <Text c="dimmed">{t('job.noErrors')}</Text>
      ) : (
        <>
          {job.rowsErrors > ERRORS_SHOWN && <Text size="sm" c="dimmed">{t('job.moreErrors', { count: ERRORS_SHOWN })}</Text>}
          <Table.ScrollContainer minWidth={600}>
            <Table striped data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('job.row')}</Table.Th>
                  <Table.Th>{t('job.column')}</Table.Th>
                  <Table.Th>{t('job.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(errors.data?.items ?? []).map((e) => (
                  <Table.Tr key={`${e.row}-${e.code}-${e.field ?? ''}`}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column ?? ''}</Table.Td>
                    <Table.Td>{t(`errors.${e.code}`, { defaultValue: e.message })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
