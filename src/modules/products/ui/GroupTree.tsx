import { useState } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Menu, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { flattenTree } from '../../../shared/tree.js';
import type { ProductGroup } from '../catalog.schema.js';
import { catalogKey, useGroups } from './catalog.js';
import { GroupModal } from './GroupModal.js';

type Edit = { group: ProductGroup | null; parentId: string | null };

/** The group tree: pick a group to filter the list (with its subgroups); managers add, edit and delete groups. */
export function GroupTree({ selected, onSelect }: { selected: string | null; onSelect(id: string | null): void }) {
  const { t } = useTranslation('products');
  const { can } = useAuth();
  const qc = useQueryClient();
  const groups = useGroups();
  const [edit, setEdit] = useState<Edit | null>(null);
  const [deleting, setDeleting] = useState<ProductGroup | null>(null);
  const all = groups.data ?? [];
  const mayCreate = can('product', 'create');
  const mayUpdate = can('product', 'update');
  const mayDelete = can('product', 'delete');
  const refresh = () => qc.invalidateQueries({ queryKey: [...catalogKey, 'groups'] });

  const remove = async (g: ProductGroup) => {
    try {
      await del(`/product-groups/${g.id}`);
      if (selected === g.id) onSelect(null);
      await refresh();
      return null;
    } catch (err) {
      return featureErrorMessage(t, err, 'products');
    }
  };

  const row = (label: string, id: string | null, depth: number, extra?: React.ReactNode, count?: number) => (
    <Group key={id ?? 'all'} gap={4} wrap="nowrap" pl={depth * 16} bg={selected === id ? 'var(--mantine-primary-color-light)' : undefined} style={{ borderRadius: 6 }}>
      <UnstyledButton onClick={() => onSelect(id)} px="xs" py={6} style={{ flex: 1, minWidth: 0 }} data-testid={id ? `group-${label}` : 'group-all'}>
        <Group gap={6} wrap="nowrap">
          {depth > 0 && (
            <Box c="dimmed" aria-hidden>
              └
            </Box>
          )}
          <Text size="sm" fw={selected === id ? 600 : 400} truncate>
            {label}
          </Text>
          {!!count && (
            <Badge size="xs" variant="light" color="gray" style={{ flexShrink: 0 }}>
              {count}
            </Badge>
          )}
        </Group>
      </UnstyledButton>
      {extra}
    </Group>
  );

  return (
    <Paper withBorder p="xs" data-testid="group-tree">
      <Stack gap={2}>
        {row(t('groups.all'), null, 0)}
        {flattenTree(all, (g) => `${String(g.sort).padStart(7, '0')} ${g.name}`).map(({ item: g, depth }) =>
          row(
            g.name,
            g.id,
            depth,
            (mayCreate || mayUpdate || mayDelete) && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('groups.actionsFor', { name: g.name })} data-testid="group-menu">
                    ⋯
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {mayCreate && <Menu.Item onClick={() => setEdit({ group: null, parentId: g.id })}>{t('groups.addChild')}</Menu.Item>}
                  {mayUpdate && <Menu.Item onClick={() => setEdit({ group: g, parentId: g.parentId })}>{t('common:actions.edit')}</Menu.Item>}
                  {mayDelete && (
                    <Menu.Item color="red" onClick={() => setDeleting(g)} data-testid="group-delete">
                      {t('common:actions.delete')}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            ),
            g.productCount,
          ),
        )}
        {mayCreate && (
          <Button variant="subtle" size="xs" justify="flex-start" onClick={() => setEdit({ group: null, parentId: null })} data-testid="group-add">
            + {t('groups.add')}
          </Button>
        )}
      </Stack>
      {edit && <GroupModal group={edit.group} parentId={edit.parentId} all={all} onDone={refresh} onClose={() => setEdit(null)} />}
      <ConfirmDialog
        opened={!!deleting}
        message={deleting ? t('groups.deleteConfirm', { name: deleting.name }) : ''}
        onConfirm={() => (deleting ? remove(deleting) : Promise.resolve(null))}
        onClose={() => setDeleting(null)}
      />
    </Paper>
  );
}
