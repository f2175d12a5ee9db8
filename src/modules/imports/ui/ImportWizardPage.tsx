import { useEffect, useState } from 'react';
import { Alert, Button, Card, FileInput, Group, Progress, Radio, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { get, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { uploadFile } from '../../../web/components/upload.js';
import { importModes, type ImportEntity, type ImportFieldsResponse, type ImportJob, type ImportKey, type ImportMode, type ImportUpload, type Mapping } from '../imports.schema.js';
import { MappingTable } from './MappingTable.js';

/** The wizard: choose what to import and the file, map the columns, choose key and mode, dry run or run. */
export function ImportWizardPage() {
  const { t } = useTranslation('imports');
  const { can, me } = useAuth();
  const navigate = useNavigate();
  const [sp] = useSearchParams();
  const [entity, setEntity] = useState<ImportEntity>((sp.get('entity') as ImportEntity | null) ?? 'company');
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [mapping, setMapping] = useState<Mapping>([]);
  const [key, setKey] = useState<ImportKey | null>(null);
  const [mode, setMode] = useState<ImportMode>('create');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const entities = useQuery({ queryKey: ['imports', 'entities'], queryFn: () => get<{ entities: ImportEntity[] }>('/imports/entities') });
  const fields = useQuery({ queryKey: ['imports', 'fields', entity], queryFn: () => get<ImportFieldsResponse>(`/imports/fields/${entity}`) });
  const allowed = (entities.data?.entities ?? []).filter((e) => can(e, 'create') || can(e, 'update'));

  useEffect(() => {
    if (!upload) return;
    let live = true;
    void get<{ mapping: Mapping }>(`/imports/uploads/${upload.id}/suggest`, { entity }).then((s) => live && setMapping(s.mapping));
    return () => {
      live = false;
    };
  }, [upload, entity]);

  const onFile = async (file: File | null) => {
    setError(null);
    setUpload(null);
    if (!file) return;
    setProgress(0);
    try {
      setUpload(await uploadFile<ImportUpload>('/imports/uploads', file, me?.csrfToken ?? null, setProgress, { raw: true }));
    } catch (err) {
      setError(featureErrorMessage(t, err, 'imports'));
    } finally {
      setProgress(null);
    }
  };

  const start = async (dryRun: boolean) => {
    if (!upload) return;
    setBusy(true);
    setError(null);
    try {
      const job = await post<ImportJob>('/imports', { uploadId: upload.id, entity, mapping, key, mode: key ? mode : 'create', dryRun });
      void navigate(`/imports/${job.id}`);
    } catch (err) {
      setError(featureErrorMessage(t, err, 'imports'));
    } finally {
      setBusy(false);
    }
  };

  const shape = upload?.format === 'csv' ? t('upload.detectedCsv', { encoding: upload.encoding, delimiter: upload.delimiter === '\t' ? t('upload.tab') : upload.delimiter }) : t('upload.detected', { format: 'XLSX' });
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('new')}</Title>
      {error && (
        <Alert color="red" data-testid="import-error">
          {error}
        </Alert>
      )}
      <Card withBorder>
        <Stack>
          <Select
            label={t('upload.entity')}
            value={entity}
            allowDeselect={false}
            data={allowed.map((e) => ({ value: e, label: t(`entities.${e}`) }))}
            onChange={(v) => v && setEntity(v as ImportEntity)}
            data-testid="import-entity"
          />
          <FileInput label={t('upload.file')} placeholder={t('upload.placeholder')} accept=".csv,.txt,.tsv,.xlsx" onChange={(f) => void onFile(f)} data-testid="import-file" clearable />
          {progress !== null && <Progress value={progress * 100} aria-label={t('upload.uploading', { percent: Math.round(progress * 100) })} />}
          {upload && (
            <Text size="sm" c="dimmed" data-testid="import-detected">
              {shape}
            </Text>
          )}
        </Stack>
      </Card>
      {upload && fields.data && (
        <>
          <MappingTable upload={upload} entity={entity} fields={fields.data.fields} mapping={mapping} onChange={setMapping} onTemplate={(tpl) => {
            setMapping(tpl.mapping.filter((m) => upload.headers.includes(m.column)));
            setKey(tpl.key);
            setMode(tpl.mode);
          }} keyAndMode={{ key, mode }} />
          <Card withBorder>
            <Stack>
              <Select
                label={t('run.key')}
                value={key ?? 'none'}
                allowDeselect={false}
                data={[{ value: 'none', label: t('keys.none') }, ...fields.data.keys.map((k) => ({ value: k, label: t(`keys.${k}`) }))]}
                onChange={(v) => setKey(!v || v === 'none' ? null : (v as ImportKey))}
                data-testid="import-key"
              />
              {key && (
                <Radio.Group label={t('run.mode')} value={mode} onChange={(v) => setMode(v as ImportMode)}>
                  <Stack gap={6} mt={4}>
                    {importModes.map((m) => (
                      <Radio key={m} value={m} label={t(`modes.${m}`)} description={t(`modeHints.${m}`)} data-testid={`import-mode-${m}`} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              <Group>
                <Button variant="default" loading={busy} onClick={() => void start(true)} disabled={!mapping.length} data-testid="import-dry-run">
                  {t('run.dryRun')}
                </Button>
                <Button loading={busy} onClick={() => void start(false)} disabled={!mapping.length} data-testid="import-start">
                  {t('run.start')}
                </Button>
              </Group>
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
