import { Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { FormError } from '../../../web/components/FormAlerts.js';
import { kpiUnits, type Formula } from '../kpi.schema.js';

/** The administrator's formula KPIs: list, add, delete. */
export function FormulasPanel() {
  const { t } = useTranslation('kpi');
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['kpi', 'formulas'], queryFn: () => get<{ items: Formula[]; measures: string[] }>('/kpi/formulas') });
  const [form, setForm] = useState({ key: '', name: '', formula: '', unit: 'number' });
  const done = async () => qc.invalidateQueries({ queryKey: ['kpi'] });
  const add = useMutation({
    mutationFn: () => post<Formula>('/kpi/formulas', form),
    onSuccess: async () => {
      setForm({ key: '', name: '', formula: '', unit: 'number' });
      await done();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => del(`/kpi/formulas/${id}`), onSuccess: done });
  const errors = featureFieldErrors(t, add.error, 'kpi');
  const general = add.error && !Object.keys(errors).length ? featureErrorMessage(t, add.error, 'kpi') : remove.error ? featureErrorMessage(t, remove.error, 'kpi') : null;

  return (
    <Stack gap="xs" data-testid="kpi-formulas">
      <Title order={4}>{t('formulas.title')}</Title>
      <Text size="xs" c="dimmed">
        {t('formulas.help', { names: (list.data?.measures ?? []).join(', ') })}
      </Text>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('formulas.key')}</Table.Th>
            <Table.Th>{t('formulas.name')}</Table.Th>
            <Table.Th>{t('formulas.formula')}</Table.Th>
            <Table.Th>{t('formulas.unit')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>{f.key}</Table.Td>
              <Table.Td>{f.name}</Table.Td>
              <Table.Td>
                <code>{f.formula}</code>
              </Table.Td>
              <Table.Td>{t(`formulas.units.${f.unit}`)}</Table.Td>
              <Table.Td>
                <ConfirmButton size="compact-xs" variant="subtle" color="red" message={t('formulas.removeConfirm')} onConfirm={() => remove.mutateAsync(f.id)}>
                  {t('formulas.remove')}
                </ConfirmButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <FormError message={general} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Group gap="xs" align="start">
          <TextInput size="xs" w={150} label={t('formulas.key')} value={form.key} onChange={(e) => setForm({ ...form, key: e.currentTarget.value })} error={errors.key} />
          <TextInput size="xs" w={200} label={t('formulas.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={errors.name} />
          <TextInput size="xs" w={300} label={t('formulas.formula')} value={form.formula} onChange={(e) => setForm({ ...form, formula: e.currentTarget.value })} error={errors.formula} />
          <Select size="xs" w={120} label={t('formulas.unit')} allowDeselect={false} value={form.unit} data={kpiUnits.map((u) => ({ value: u, label: t(`formulas.units.${u}`) }))} onChange={(v) => v && setForm({ ...form, unit: v })} />
          <Button size="xs" mt={22} type="submit" loading={add.isPending}>
            {t('formulas.add')}
          </Button>
        </Group>
      </form>
    </Stack>
  );
}
