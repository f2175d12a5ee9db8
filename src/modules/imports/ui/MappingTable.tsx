import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../../web/api.js';
import type { ImportEntity, ImportField, ImportKey, ImportMode, ImportTemplate, ImportUpload, Mapping } from '../imports.schema.js';

interface Props {
  upload: ImportUpload;
  entity: ImportEntity;
  fields: ImportField[];
  mapping: Mapping;
  onChange(m: Mapping): void;
  onTemplate(t: ImportTemplate): void;
  keyAndMode: { key: ImportKey | null; mode: ImportMode };
}

/** Each column of the file with its first values and the field it feeds; templates to apply or save. */
export function MappingTable({ upload, entity, fields, mapping, onChange, onTemplate, keyAndMode }: Props) {
  const { t } = useTranslation('imports');
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const templates = useQuery({ queryKey: ['imports', 'templates', entity], queryFn: () => get<{ items: ImportTemplate[] }>('/imports/templates', { entity }) });
  const fieldOf = (column: string) => mapping.find((m) => m.column === column)?.field ?? null;
  const label = (f: ImportField) => f.label ?? t(`fields.${f.key}`);
  const used = new Set(mapping.map((m) => m.field));
  const set = (column: string, field: string | null) =>
    onChange(
      upload.headers.flatMap((h) => {
        const f = h === column ? field : fieldOf(h);
        return f ? [{ column: h, field: f }] : [];
      }),
    );
  const save = async () => {
    await post('/imports/templates', { name, entity, mapping, key: keyAndMode.key, mode: keyAndMode.mode });
    setName('');
    await qc.invalidateQueries({ queryKey: ['imports', 'templates', entity] });
  };
  const remove = async (id: string) => {
    await del(`/imports/templates/${id}`);
    await qc.invalidateQueries({ queryKey: ['imports', 'templates', entity] });
  };
  const [chosen, setChosen] = useState<string | null>(null);

  return (
    <Card withBorder>
      <Stack>
        <Title order={4}>{t('mapping.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('mapping.hint')}
        </Text>
        <Group align="flex-end">
          <Select
            label={t('mapping.template')}
            placeholder={t('mapping.templatePlaceholder')}
            value={chosen}
            data={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(id) => {
              setChosen(id);
              const tpl = templates.data?.items.find((x) => x.id === id);
              if (tpl) onTemplate(tpl);
            }}
            data-testid="import-template"
            w={280}
          />
          {chosen && (
            <ActionIcon variant="subtle" color="red" aria-label={t('mapping.deleteTemplate')} onClick={() => void remove(chosen).then(() => setChosen(null))}>
              ×
            </ActionIcon>
          )}
          <TextInput label={t('mapping.templateName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="import-template-name" />
          <Button variant="default" disabled={!name.trim() || !mapping.length} onClick={() => void save()} data-testid="import-template-save">
            {t('mapping.saveTemplate')}
          </Button>
        </Group>
        <Table.ScrollContainer minWidth={600}>
          <Table data-testid="import-mapping">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mapping.column')}</Table.Th>
                <Table.Th>{t('mapping.sample')}</Table.Th>
                <Table.Th>{t('mapping.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {upload.headers.map((h, i) => (
                <Table.Tr key={h}>
                  <Table.Td>
                    <Text fw={500}>{h}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={2}>
                      {upload.rows
                        .slice(0, 3)
                        .map((r) => r[i])
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td w={300}>
                    <Select
                      aria-label={h}
                      placeholder={t('mapping.skip')}
                      clearable
                      searchable
                      value={fieldOf(h)}
                      data={fields
                        .filter((f) => f.multiple || !used.has(f.key) || fieldOf(h) === f.key)
                        .map((f) => ({ value: f.key, label: f.required ? `${label(f)} *` : label(f) }))}
                      onChange={(v) => set(h, v)}
                      data-testid={`import-map-${i}`}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}
