import { Badge, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The ABC and XYZ cells of a client's or product's row (XYZ with the "new" mark of one too young to have it). */
export function ClassCells({ abc, xyz, isNew }: { abc: string | null; xyz: string | null; isNew: boolean }) {
  const { t } = useTranslation('segments');
  return (
    <>
      <Table.Td>{abc && <Badge variant="light">{abc}</Badge>}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {xyz && <Badge variant="light">{xyz}</Badge>}
          {isNew && <Badge color="gray" variant="outline">{t('clients.isNew')}</Badge>}
        </Group>
      </Table.Td>
    </>
  );
}
